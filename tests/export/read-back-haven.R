# read-back-haven.R: SPSS and Stata exports read by R's haven, compared with the CSV export
# of the same project and options (variable names as headers), and with its codebook.
#
#   Rscript read-back-haven.R LANG CSV_DIR SAV_DIR DTA_DIR
#
# For every table and both formats: the variable names, the number of rows, every value
# (numbers as numbers, dates as Date, times as POSIXct, choices as labelled codes whose stored
# values are those in the CSV files, text as text, empty cells as NA or ""), every variable
# label and value label as dictionary.csv lists them, and the labels of the code and attribute
# variables against the codebook in the export's language. Prints what differs and exits 1.
#
# SPDX-License-Identifier: GPL-3.0-or-later

suppressPackageStartupMessages(library(haven))

args <- commandArgs(trailingOnly = TRUE)
lang <- args[1]
csv_dir <- args[2]
dirs <- c(sav = args[3], dta = args[4])
problems <- character(0)

fail <- function(...) {
  problems <<- c(problems, paste0(...))
}

read_csv_text <- function(path) {
  read.csv(path, colClasses = "character", fileEncoding = "UTF-8-BOM", encoding = "UTF-8",
           na.strings = character(0), check.names = FALSE, stringsAsFactors = FALSE)
}

# A text written whole, or cut (as in a workbook) with the note of its full length. Trailing
# spaces do not come back: SPSS pads its strings with spaces, and ReadStat (so haven) strips
# them from Stata's strings too.
same_text <- function(got, want, spss) {
  want <- sub(" +$", "", want)
  ok <- got == want
  cut <- !ok & grepl("(characters in full\\]|文字］)$", got)
  if (any(cut)) {
    prefix <- sub(" …(\\[cut; |［以下省略・全).*$", "", got[cut])
    ok[cut] <- startsWith(want[cut], prefix)
  }
  ok
}

codebook <- read_csv_text(file.path(csv_dir, "codebook.csv"))
label_of <- function(en, ja) {
  first <- if (lang == "ja") ja else en
  second <- if (lang == "ja") en else ja
  ifelse(first != "", first, second)
}
expected_label <- setNames(label_of(codebook$label_en, codebook$label_ja), codebook$var_name)
expected_path <- setNames(codebook$code_path, codebook$var_name)

for (format in names(dirs)) {
  spss <- format == "sav"
  dictionary <- read_csv_text(file.path(dirs[[format]], "dictionary.csv"))
  files <- unique(dictionary$file)
  if (length(files) < 6) fail(format, ": only ", length(files), " tables")
  for (file in files) {
    stem <- sub("\\.(sav|dta)$", "", file)
    path <- file.path(dirs[[format]], file)
    data <- if (spss) read_sav(path) else read_dta(path)
    csv <- read_csv_text(file.path(csv_dir, paste0(stem, ".csv")))
    variables <- dictionary[dictionary$file == file & dictionary$type != "", ]
    where <- paste0(format, " ", file)

    if (!identical(names(data), variables$variable))
      fail(where, ": variables ", paste(names(data), collapse = ","), " != dictionary")
    if (!identical(variables$name_in_csv, names(csv)))
      fail(where, ": CSV headers differ from the dictionary's names")
    if (nrow(data) != nrow(csv))
      fail(where, ": ", nrow(data), " rows, CSV has ", nrow(csv))
    if (!grepl("Shirabe", attr(data, "label"), fixed = TRUE))
      fail(where, ": dataset label ", attr(data, "label"))

    for (i in seq_len(nrow(variables))) {
      v <- variables[i, ]
      x <- data[[v$variable]]
      want <- csv[[v$name_in_csv]]
      empty <- want == ""
      what <- paste0(where, " ", v$variable)

      if (!identical(attr(x, "label", exact = TRUE), v$label_in_file))
        fail(what, ": label ", attr(x, "label", exact = TRUE), " != ", v$label_in_file)
      if (v$label_in_file != v$label && !startsWith(v$label, sub("…$", "", v$label_in_file)))
        fail(what, ": label in file is not the start of the label")

      value_rows <- dictionary[dictionary$file == file & dictionary$variable == v$variable &
                               dictionary$type == "", ]
      labels <- attr(x, "labels", exact = TRUE)
      if (nrow(value_rows) > 0) {
        if (is.null(labels)) {
          fail(what, ": no value labels")
        } else {
          if (!identical(as.numeric(labels), as.numeric(value_rows$value)))
            fail(what, ": value label codes differ")
          full <- value_rows$value_label
          in_file <- names(labels)
          if (!all(in_file == full | (endsWith(in_file, "…") &
                                      startsWith(full, sub("…$", "", in_file)))))
            fail(what, ": value labels ", paste(in_file, collapse = "|"), " != ",
                 paste(full, collapse = "|"))
        }
      } else if (!is.null(labels)) {
        fail(what, ": unexpected value labels")
      }

      type <- v$type
      if (type %in% c("integer", "number")) {
        if (!is.numeric(x)) fail(what, ": not numeric")
        got <- as.numeric(zap_labels(x))
        expected <- suppressWarnings(as.numeric(ifelse(empty, NA, want)))
        bad <- xor(is.na(got), is.na(expected)) |
               (!is.na(got) & !is.na(expected) & abs(got - expected) > 1e-9 * pmax(1, abs(got)))
        if (any(bad)) fail(what, ": ", sum(bad), " values differ, first row ", which(bad)[1])
      } else if (type == "date") {
        if (!inherits(x, "Date")) fail(what, ": not a Date")
        got <- ifelse(is.na(x), "", format(x, "%Y-%m-%d"))
        if (any(got != want)) fail(what, ": dates differ")
      } else if (type == "datetime") {
        if (!inherits(x, "POSIXct")) fail(what, ": not a POSIXct")
        got <- ifelse(is.na(x), "", format(x, "%Y-%m-%d %H:%M:%S", tz = "UTC"))
        if (any(got != want)) fail(what, ": times differ, first ", got[got != want][1],
                                    " != ", want[got != want][1])
      } else if (type == "coded") {
        stored <- setNames(value_rows$stored_value, value_rows$value)
        codes <- as.numeric(zap_labels(x))
        got <- ifelse(is.na(codes), "", stored[as.character(codes)])
        if (any(got != want)) fail(what, ": stored values differ")
      } else if (type == "string") {
        if (!is.character(x)) fail(what, ": not text")
        if (any(is.na(x))) fail(what, ": NA in text")
        ok <- same_text(x, want, spss)
        if (!all(ok)) fail(what, ": ", sum(!ok), " texts differ, first row ", which(!ok)[1])
      } else {
        fail(what, ": type ", type)
      }

      # The variables of codes and attributes carry their labels in the export's language.
      if (stem == "cases" && v$name_in_csv %in% names(expected_label)) {
        label <- expected_label[[v$name_in_csv]]
        path <- expected_path[[v$name_in_csv]]
        if (!(v$label %in% c(label, path)))
          fail(what, ": label ", v$label, " is not the codebook's ", label)
      }
    }
  }
}

if (length(problems) > 0) {
  writeLines(head(problems, 40))
  quit(status = 1)
}
cat("haven read", lang, "back: all equal\n")
