/* test-document.c: Word, OpenDocument, HTML and Markdown files as narrative text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * story.{docx,odt,html} were written by LibreOffice (soffice --headless --convert-to) from
 * story.fodt; edge.* and the hostile files by the make-*.py scripts beside them.
 */
#include <string.h>

#include <cairo-pdf.h>

#include "test-util.h"
#include "shirabe-document.h"
#include "shirabe-import.h"

static const char story_text[] =
  "聞き取り記録 2003年11月\n"
  "彼女はタイ北部の村で仲介者に声をかけられた。日本の工場で働けると言われた。[1]\n"
  "She was told the debt was 3,000,000 yen and that it would double if she ran away.\n"
  "Passport:\ttaken on arrival\n"
  "Phone:\ttaken after a week\n"
  "2003年\t来日\n"
  "2004年\t大使館へ逃げた\n"
  "“I ran to the embassy,” she said. 𠮷田さんが助けてくれた。\n"
  "\n"
  "脚注\n"
  "[1] 仲介者の名前は伏せてある。\n";

static ShirabeDocument *
convert_fixture (const char  *name,
                 GError     **error)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "fixtures", "documents",
                                                 name, NULL);
  g_autofree char *data = NULL;
  gsize size = 0;
  ShirabeDocumentFormat format;

  g_assert_true (g_file_get_contents (path, &data, &size, NULL));
  format = shirabe_document_sniff (path, data, size);
  g_assert_cmpint (format, !=, SHIRABE_DOCUMENT_PLAIN);
  return shirabe_document_convert (format, data, size, name, NULL, NULL, error);
}

static void
test_libreoffice_documents_give_the_source_text (void)
{
  static const char *const names[] = { "story.docx", "story.odt" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ShirabeDocument) document = convert_fixture (names[i], &error);

      g_assert_no_error (error);
      g_assert_cmpstr (document->text, ==, story_text);
      g_assert_cmpuint (document->n_footnotes, ==, 1);
      g_assert_cmpuint (document->n_tables, ==, 1);
      /* 仲介者 with its furigana ちゅうかいしゃ: the base alone. */
      g_assert_cmpuint (document->n_ruby, ==, 1);
      g_assert_null (strstr (document->text, "ちゅうかいしゃ"));
      g_assert_null (document->memo);
    }
}

static void
test_a_web_page_gives_its_text (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeDocument) document = convert_fixture ("story.html", &error);

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (document->text, "聞き取り記録 2003年11月\n"));
  g_assert_nonnull (strstr (document->text, "\n2003年\t来日\n2004年\t大使館へ逃げた\n"));
  g_assert_nonnull (strstr (document->text, "𠮷田さんが助けてくれた。\n"));
  g_assert_null (strstr (document->text, "ちゅうかいしゃ"));
  g_assert_null (strstr (document->text, "<"));
}

static const char edge_docx_text[] =
  "聞き取り記録\n"
  "彼女は借金を返すまで働かされた。[1]\n"
  "She owed twenty thousand dollars.[i]\n"
  "The broker took her passport.\n"
  "Case\t12\n"
  "Page 3\n"
  "Name\tNationality\n"
  "Maria (pseudonym)\tPhilippines\n"
  "A note in a box\n"
  "𠮷野家で会った。\n"
  "\n"
  "脚注\n"
  "[1] 2003年の聞き取りによる。\n"
  "\n"
  "文末脚注\n"
  "[i] In US dollars.\n";

static void
test_word_edge_cases (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeDocument) document = convert_fixture ("edge.docx", &error);
  g_autofree char *summary = NULL;

  g_assert_no_error (error);
  /* Ruby's base only; the deletion out and the insertion in; the field's result, not its
   * code; the text box once (not its fallback); no header. */
  g_assert_cmpstr (document->text, ==, edge_docx_text);
  g_assert_cmpuint (document->n_insertions, ==, 1);
  g_assert_cmpuint (document->n_deletions, ==, 1);
  g_assert_cmpuint (document->n_text_boxes, ==, 1);
  g_assert_cmpuint (document->n_endnotes, ==, 1);
  g_assert_cmpstr (document->memo, ==,
                   "Comment (Nakamura Ken, 2024-05-01) on “The broker took her passport”: "
                   "Check the embassy record.");
  summary = shirabe_document_describe (document);
  g_assert_cmpstr (summary, ==, "Word document: 1 table, 1 footnote, 1 endnote, 1 comment as "
                                "memo, 1 text box, 1 ruby read as its base text, 1 tracked "
                                "insertion kept, 1 tracked deletion left out");
}

static void
test_opendocument_edge_cases (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeDocument) document = convert_fixture ("edge.odt", &error);

  g_assert_no_error (error);
  /* text:s counts its spaces; other runs of white space are one; the tracked deletion and the
   * header stay out; list items are lines. */
  g_assert_cmpstr (document->text, ==,
                   "聞き取り記録\n"
                   "彼女は借金を返すまで働かされた。[1]\n"
                   "She owed twenty thousand  dollars.\n"
                   "The broker took her passport.\n"
                   "Case\t12\n"
                   "Page 3\n"
                   "Name\tNationality\n"
                   "Maria (pseudonym)\tPhilippines\n"
                   "First point\n"
                   "Second point\n"
                   "𠮷野家で会った。\n"
                   "\n"
                   "脚注\n"
                   "[1] 2003年の聞き取りによる。\n");
  g_assert_cmpstr (document->memo, ==,
                   "Comment (Nakamura Ken, 2024-05-01) on “The broker took her passport”: "
                   "Check the embassy record.");
}

static void
test_markdown_reads_as_rendered (void)
{
  static const char source[] =
    "# Interview 12\n"
    "\n"
    "She said **the broker** kept her [passport](https://example.org/p) and `phone`.\n"
    "> 借金は*倍*になった。\n"
    "- first\n"
    "2. second\n"
    "---\n"
    "```\n"
    "*kept as is*\n"
    "```\n"
    "snake_case_word and 10~20 yen\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeDocument) document =
    shirabe_document_convert (SHIRABE_DOCUMENT_MARKDOWN, source, strlen (source), "notes.md",
                              NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (document->text, ==,
                   "Interview 12\n"
                   "\n"
                   "She said the broker kept her passport and phone.\n"
                   "借金は倍になった。\n"
                   "first\n"
                   "second\n"
                   "*kept as is*\n"
                   "snake_case_word and 10~20 yen\n");
}

static void
test_hostile_documents_are_refused_or_read_safely (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeDocument) bomb = convert_fixture ("bomb.docx", &error);
  g_autoptr(ShirabeDocument) laughs = NULL;
  g_autoptr(ShirabeDocument) xxe = NULL;
  g_autoptr(ShirabeDocument) truncated = NULL;

  g_assert_null (bomb);
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "bomb.docx"));
  g_clear_error (&error);

  /* A billion laughs: refused, never expanded. */
  laughs = convert_fixture ("laughs.docx", &error);
  if (laughs != NULL)
    g_assert_cmpuint (strlen (laughs->text), <, 1000);
  g_clear_error (&error);

  /* An external entity is never fetched. */
  xxe = convert_fixture ("xxe.docx", &error);
  g_assert_no_error (error);
  g_assert_null (strstr (xxe->text, "root:"));
  g_assert_cmpstr (xxe->text, ==, "before  after\n");

  truncated = convert_fixture ("truncated.docx", &error);
  g_assert_null (truncated);
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "truncated.docx"));
  g_assert_null (strstr (error->message, "(null)"));
}

/* A mixed batch: the documents in, each with what was kept said; the bomb refused with its
 * reason; the rest imported all the same. */
static void
test_a_mixed_import_reports_each_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  TestDir dir;
  g_autofree char *path = NULL;
  g_autoptr(ShirabeProject) project = NULL;
  g_autofree char *docx = g_test_build_filename (G_TEST_DIST, "..", "fixtures", "documents",
                                                 "edge.docx", NULL);
  g_autofree char *odt = g_test_build_filename (G_TEST_DIST, "..", "fixtures", "documents",
                                                "story.odt", NULL);
  g_autofree char *bomb = g_test_build_filename (G_TEST_DIST, "..", "fixtures", "documents",
                                                 "bomb.docx", NULL);
  const char *paths[] = { docx, odt, bomb, NULL };
  g_autoptr(ShirabeNarrative) narrative = NULL;
  const ShirabeImportResult *first;

  test_dir_setup (&dir, NULL);
  path = test_dir_path (&dir, "documents.shirabe");
  project = shirabe_project_create (path, "Documents", SHIRABE_PROJECT_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (shirabe_project_import_files (project, paths, NULL, NULL, NULL, NULL,
                                                 &results, &error), ==, 2);
  g_assert_no_error (error);
  first = results->pdata[0];
  g_assert_cmpstr (first->encoding, ==, "DOCX");
  g_assert_true (g_str_has_prefix (first->summary, "Word document: 1 table"));
  g_assert_nonnull (((ShirabeImportResult *) results->pdata[2])->error);
  narrative = shirabe_project_get_narrative (project, first->narrative_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (narrative->origin_encoding, ==, "DOCX");
  /* The file's own sha256 is kept beside its text's. */
  {
    g_autofree char *file_data = NULL;
    g_autofree char *file_sha256 = NULL;
    gsize file_size = 0;

    g_assert_true (g_file_get_contents (docx, &file_data, &file_size, NULL));
    file_sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) file_data,
                                               file_size);
    g_assert_cmpstr (narrative->origin_sha256, ==, file_sha256);
  }
  g_assert_true (g_str_has_prefix (narrative->memo, "Comment (Nakamura Ken"));
  g_assert_cmpstr (narrative->title, ==, "edge");
  shirabe_project_close (project, NULL);
  test_dir_teardown (&dir, NULL);
}

static ShirabeDocument *
convert_pdf (const char  *name,
             const char  *password,
             GError     **error)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "fixtures", "documents",
                                                 name, NULL);
  g_autofree char *data = NULL;
  gsize size = 0;
  ShirabeDocumentLimits limits = { 0 };

  g_assert_true (g_file_get_contents (path, &data, &size, NULL));
  g_assert_cmpint (shirabe_document_sniff (path, data, size), ==, SHIRABE_DOCUMENT_PDF);
  limits.password = password;
  return shirabe_document_convert (SHIRABE_DOCUMENT_PDF, data, size, name, &limits, NULL, error);
}

/* pages.pdf (LibreOffice, from pages.fodt): three pages of an English and a Japanese paragraph,
 * each wrapped over several printed lines. */
static void
test_a_pdf_gives_its_paragraphs_back (void)
{
  static const char en[] =
    "She was recruited in her village by a woman who promised work in a factory in Japan. "
    "The broker said the debt for the journey, the visa and the training would be repaid "
    "from her wages within six months, but on arrival her passport was taken and the debt "
    "was doubled.\n";
  static const char ja[] =
    "彼女は村で工場の仕事があると言われて日本に来た。渡航費とビザの費用として借金を負わされ、"
    "半年で返せると説明されたが、到着すると旅券を取り上げられ、借金は倍になったと告げられた。"
    "逃げれば家族に危害を加えると脅された。\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeDocument) document = convert_pdf ("pages.pdf", NULL, &error);
  g_autofree char *expected = g_strconcat (en, ja, "\n", en, ja, "\n", en, ja, NULL);
  g_autoptr(ShirabeDocument) locked = NULL;

  g_assert_no_error (error);
  /* Lines joined back: Latin with a space, Japanese with nothing; a page break a blank line. */
  g_assert_cmpstr (document->text, ==, expected);
  g_assert_cmpuint (document->n_pages, ==, 3);

  locked = convert_pdf ("locked.pdf", "secret", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (locked->text, ==, expected);
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A PDF drawn here line by line, as a typesetter breaks them: a Latin word hyphenated at a
 * line's end is joined again, Japanese lines run on without a space, and a short line that
 * ends a sentence ends its paragraph. */
static void
test_pdf_lines_are_joined_by_the_rule (void)
{
  static const char *const lines[] = {
    "The broker said the debt would be repaid from her wages within six",
    "months, but on arrival he took her pass-",
    "port and her phone.",
    "彼女は到着すると旅券を取り上げられ、借金は倍に",
    "なったと告げられた。",
    "She ran to the embassy in 2004 and was sheltered there for two weeks.",
  };
  g_autoptr(GByteArray) pdf = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeDocument) document = NULL;
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_bytes, pdf, 595, 842);
  cairo_t *cr = cairo_create (surface);

  cairo_select_font_face (cr, "IPAGothic", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 11);
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      cairo_move_to (cr, 50, 80 + i * 18);
      cairo_show_text (cr, lines[i]);
    }
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  /* cairo keeps the font it looked up through fontconfig for the life of the process. */
  cairo_debug_reset_static_data ();

  document = shirabe_document_convert (SHIRABE_DOCUMENT_PDF, (const char *) pdf->data, pdf->len,
                                       "drawn.pdf", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (document->text, ==,
                   "The broker said the debt would be repaid from her wages within six months, "
                   "but on arrival he took her passport and her phone.\n"
                   "彼女は到着すると旅券を取り上げられ、借金は倍になったと告げられた。\n"
                   "She ran to the embassy in 2004 and was sheltered there for two weeks.\n");
}

static void
test_scans_and_locked_pdfs_are_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShirabeDocument) scan = convert_pdf ("scan.pdf", NULL, &error);
  g_autoptr(ShirabeDocument) locked = NULL;

  g_assert_null (scan);
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_EMPTY);
  g_assert_nonnull (strstr (error->message, "OCR"));
  g_clear_error (&error);
  locked = convert_pdf ("locked.pdf", NULL, &error);
  g_assert_null (locked);
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "--password"));
  g_clear_error (&error);
  locked = convert_pdf ("locked.pdf", "wrong", &error);
  g_assert_null (locked);
  g_assert_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID);
}

/* Every fuzzing seed, and every input that ever crashed a converter, converts or is refused:
 * the regression run of tests/fuzz/fuzz-document.c's corpus. */
static void
test_the_fuzz_corpus_converts_or_is_refused (void)
{
  static const char *const folders[] = { "seeds", "crashes" };
  static const ShirabeDocumentFormat formats[] = {
    SHIRABE_DOCUMENT_DOCX, SHIRABE_DOCUMENT_ODT, SHIRABE_DOCUMENT_HTML, SHIRABE_DOCUMENT_MARKDOWN,
  };
  guint n_inputs = 0;

  for (guint f = 0; f < G_N_ELEMENTS (folders); f++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "fuzz", folders[f],
                                                     "documents", NULL);
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *file = g_build_filename (path, name, NULL);
          g_autofree char *data = NULL;
          g_autoptr(ShirabeDocument) document = NULL;
          g_autoptr(GError) error = NULL;
          gsize size = 0;

          if (name[0] == '.' || !g_file_get_contents (file, &data, &size, NULL) || size < 1)
            continue;
          document = shirabe_document_convert (formats[(guchar) data[0] % G_N_ELEMENTS (formats)],
                                               data + 1, size - 1, name, NULL, NULL, &error);
          g_assert_true ((document != NULL) != (error != NULL));
          if (document != NULL)
            g_assert_true (g_utf8_validate (document->text, -1, NULL));
          n_inputs++;
        }
    }
  g_assert_cmpuint (n_inputs, >=, 6);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/document/libreoffice-word-and-opendocument-give-the-source-text",
                   test_libreoffice_documents_give_the_source_text);
  g_test_add_func ("/core/document/a-web-page-gives-its-text", test_a_web_page_gives_its_text);
  g_test_add_func ("/core/document/word-ruby-tracked-changes-fields-notes-comments-text-boxes",
                   test_word_edge_cases);
  g_test_add_func ("/core/document/opendocument-spaces-notes-annotations-and-lists",
                   test_opendocument_edge_cases);
  g_test_add_func ("/core/document/markdown-reads-as-rendered", test_markdown_reads_as_rendered);
  g_test_add_func ("/core/document/hostile-documents-are-refused-or-read-safely",
                   test_hostile_documents_are_refused_or_read_safely);
  g_test_add_func ("/core/document/a-mixed-import-reports-each-file",
                   test_a_mixed_import_reports_each_file);
  g_test_add_func ("/core/document/a-pdf-gives-its-paragraphs-back",
                   test_a_pdf_gives_its_paragraphs_back);
  g_test_add_func ("/core/document/pdf-lines-are-joined-by-the-rule",
                   test_pdf_lines_are_joined_by_the_rule);
  g_test_add_func ("/core/document/scans-and-locked-pdfs-are-refused",
                   test_scans_and_locked_pdfs_are_refused);
  g_test_add_func ("/core/document/the-fuzz-corpus-converts-or-is-refused",
                   test_the_fuzz_corpus_converts_or_is_refused);
  return g_test_run ();
}
