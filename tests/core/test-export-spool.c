/* test-export-spool.c: the SPSS and Stata export's spool gives back the rows written to it
 *
 * The spool holds every row of a table until ReadStat can take them (see
 * shirabe-export-spool-private.h); what it gives back is what goes into the file. These tests
 * write rows of every kind of cell, repeated and unrepeated texts, broken UTF-8 and texts
 * longer than its buffer, and compare what is read back with what was written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "test-util.h"
#include "shirabe-export-spool-private.h"

/* Byte strings built from the pieces that decide UTF-8's validity: ASCII, NUL, continuation
 * bytes, every kind of lead byte (and the ones that are never valid), and whole characters. */
static GString *
random_bytes (GRand *rand)
{
  static const char *const pieces[] = {
    "a", "Z", " ", "\n", "\x7f", "\0", "\x80", "\xbf", "\x9f", "\xa0", "\x8f", "\x90",
    "\xc0", "\xc1", "\xc2", "\xdf", "\xe0", "\xe1", "\xec", "\xed", "\xee", "\xef", "\xf0",
    "\xf1", "\xf3", "\xf4", "\xf5", "\xff", "é", "調", "べ", "\xef\xbf\xbd", "\xf0\x9f\x98\x80",
    "\xed\x9f\xbf", "\xed\xa0\x80", "\xf4\x8f\xbf\xbf", "\xf4\x90\x80\x80", "abcdefgh",
    "ascii text that runs past eight bytes ",
  };
  GString *bytes = g_string_new (NULL);
  guint n = g_rand_int_range (rand, 0, 12);

  for (guint i = 0; i < n; i++)
    {
      guint k = g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces));

      /* "\0" is one byte long. */
      g_string_append_len (bytes, pieces[k], pieces[k][0] == '\0' ? 1 : strlen (pieces[k]));
    }
  return bytes;
}

static void
test_utf8_validity_agrees_with_glib (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (15);
  static const char *const fixed[] = {
    "", "plain", "調べ", "\xc2\x80", "\xc1\xbf", "\xe0\x9f\xbf", "\xe0\xa0\x80", "\xed\xa0\x80",
    "\xed\x9f\xbf", "\xef\xbf\xbf", "\xf0\x8f\xbf\xbf", "\xf0\x90\x80\x80", "\xf4\x8f\xbf\xbf",
    "\xf4\x90\x80\x80", "\xf8\x88\x80\x80\x80", "\xe3\x81", "abcdefg\xe3\x81", "abcdefgh\xe3",
  };

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    g_assert_cmpint (shirabe_spool_utf8_valid (fixed[i], strlen (fixed[i])), ==,
                     g_utf8_validate_len (fixed[i], strlen (fixed[i]), NULL));
  for (guint i = 0; i < 200000; i++)
    {
      g_autoptr(GString) bytes = random_bytes (rand);
      gboolean expected = g_utf8_validate_len (bytes->str, bytes->len, NULL);

      if (shirabe_spool_utf8_valid (bytes->str, bytes->len) != expected)
        {
          g_autofree char *shown = g_strescape (bytes->str, NULL);

          g_error ("“%s” (%lu bytes): GLib says %s", shown, (unsigned long) bytes->len,
                   expected ? "valid" : "broken");
        }
    }
}

typedef struct
{
  ShirabeSpoolTag  tag;
  gint64           integer;
  double           number;
  guint32          day, seconds;
  char            *text;      /* as it should read back */
} Expected;

static void
expected_clear (Expected *expected)
{
  g_free (expected->text);
}

/* The rows: a case name repeated (five names, one with a broken byte), a UUID never repeated,
 * a number, date or nothing, and an excerpt that is sometimes longer than the spool's buffer. */
#define N_COLUMNS 4

static void
write_cell (ShirabeSpool *spool,
            GRand        *rand,
            guint         row,
            guint         column,
            Expected     *expected)
{
  static const char *const names[] = { "Case A", "事例 B", "Case \xff C", "", "事例 D" };
  g_autofree char *text = NULL;
  gsize len;

  memset (expected, 0, sizeof *expected);
  switch (column)
    {
    case 0:
      text = g_strdup (names[g_rand_int_range (rand, 0, G_N_ELEMENTS (names))]);
      expected->text = g_utf8_make_valid (text, -1);
      break;
    case 1:
      text = g_strdup_printf ("%08x-uuid-%u", g_rand_int (rand), row);
      expected->text = g_strdup (text);
      break;
    case 2:
      switch (row % 5)
        {
        case 0:
          expected->tag = SHIRABE_SPOOL_INTEGER;
          expected->integer = (gint64) g_rand_int (rand) * (row % 2 ? -1 : 1);
          shirabe_spool_integer (spool, expected->integer);
          return;
        case 1:
          expected->tag = SHIRABE_SPOOL_NUMBER;
          expected->number = g_rand_double (rand);
          shirabe_spool_number (spool, expected->number);
          return;
        case 2:
          expected->tag = SHIRABE_SPOOL_DATE;
          expected->day = g_rand_int_range (rand, 1, 800000);
          shirabe_spool_date (spool, expected->day);
          return;
        case 3:
          expected->tag = SHIRABE_SPOOL_DATETIME;
          expected->day = g_rand_int_range (rand, 1, 800000);
          expected->seconds = g_rand_int_range (rand, 0, 86400);
          shirabe_spool_datetime (spool, expected->day, expected->seconds);
          return;
        default:
          expected->tag = SHIRABE_SPOOL_EMPTY;
          shirabe_spool_empty (spool);
          return;
        }
    default:
      {
        /* Now and then past the buffer's megabyte. */
        gsize size = row % 997 == 5 ? (gsize) g_rand_int_range (rand, 1 << 20, 3 << 20)
                                    : (gsize) g_rand_int_range (rand, 0, 3000);
        GString *excerpt = g_string_sized_new (size + 4);

        while (excerpt->len < size)
          g_string_append (excerpt, row % 2 ? "調べ" : "text ");
        text = g_string_free (excerpt, FALSE);
        expected->text = g_strdup (text);
        break;
      }
    }
  expected->tag = SHIRABE_SPOOL_TEXT;
  len = shirabe_spool_text (spool, column, text, strlen (text));
  g_assert_cmpuint (len, ==, strlen (expected->text));
}

static void
check_cell (const ShirabeSpoolCell *cell,
            const Expected         *expected,
            guint                   row,
            guint                   column)
{
  if (cell->tag != expected->tag)
    g_error ("row %u, column %u: tag %d, written %d", row, column, cell->tag, expected->tag);
  switch (cell->tag)
    {
    case SHIRABE_SPOOL_TEXT:
      g_assert_cmpuint (cell->len, ==, strlen (expected->text));
      g_assert_cmpstr (cell->text, ==, expected->text);
      break;
    case SHIRABE_SPOOL_INTEGER:
      g_assert_cmpint (cell->integer, ==, expected->integer);
      break;
    case SHIRABE_SPOOL_NUMBER:
      g_assert_cmpfloat (cell->number, ==, expected->number);
      break;
    case SHIRABE_SPOOL_DATETIME:
      g_assert_cmpuint (cell->seconds, ==, expected->seconds);
      G_GNUC_FALLTHROUGH;
    case SHIRABE_SPOOL_DATE:
      g_assert_cmpuint (cell->day, ==, expected->day);
      break;
    case SHIRABE_SPOOL_EMPTY:
    default:
      break;
    }
}

static void
test_rows_read_back_as_written (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1500);
  g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (Expected));
  g_autofree char *dir = g_dir_make_tmp ("shirabe-spool-XXXXXX", NULL);
  g_autofree char *template = g_build_filename (dir, ".spool.XXXXXX", NULL);
  g_autoptr(ShirabeSpool) spool = NULL;
  g_autoptr(GDir) listing = NULL;
  guint n_rows = 6000;
  int saved_errno = 0;

  g_array_set_clear_func (expected, (GDestroyNotify) expected_clear);
  spool = shirabe_spool_new (template, N_COLUMNS, &saved_errno);
  g_assert_nonnull (spool);
  /* Nothing of the spool shows in the folder. */
  listing = g_dir_open (dir, 0, NULL);
  g_assert_null (g_dir_read_name (listing));

  for (guint row = 0; row < n_rows; row++)
    {
      for (guint column = 0; column < N_COLUMNS; column++)
        {
          Expected cell;

          write_cell (spool, rand, row, column, &cell);
          g_array_append_val (expected, cell);
        }
      g_assert_cmpint (shirabe_spool_end_row (spool), ==, 0);
    }
  g_assert_cmpint (shirabe_spool_flush (spool), ==, 0);

  /* Read twice, as the Stata writer does for its strL values. */
  for (guint pass = 0; pass < 2; pass++)
    {
      ShirabeSpoolCell cell;

      g_assert_cmpint (shirabe_spool_rewind (spool), ==, 0);
      for (guint row = 0; row < n_rows; row++)
        for (guint column = 0; column < N_COLUMNS; column++)
          {
            g_assert_cmpint (shirabe_spool_read_cell (spool, &cell), ==, 0);
            check_cell (&cell, &g_array_index (expected, Expected, row * N_COLUMNS + column),
                        row, column);
          }
      /* Past the last row: the spool says it has no more. */
      g_assert_cmpint (shirabe_spool_read_cell (spool, &cell), ==, EIO);
    }
  g_clear_pointer (&spool, shirabe_spool_free);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* The block writer: what goes in comes out in the file, in order, across its blocks. */
static void
test_block_writer_writes_every_byte_in_order (void)
{
  g_autofree char *dir = g_dir_make_tmp ("shirabe-spool-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "out.bin", NULL);
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  g_autofree char *contents = NULL;
  gsize length = 0;
  ShirabeBlockWriter *writer;
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

  g_assert_cmpint (fd, >=, 0);
  writer = shirabe_block_writer_new (fd);
  /* Pieces of every size, from a byte to past a block, 11 MB in all. */
  while (expected->len < (11 << 20))
    {
      gsize size = g_rand_boolean (rand) ? (gsize) g_rand_int_range (rand, 1, 100)
                                         : (gsize) g_rand_int_range (rand, 1, 3 << 20);
      gsize from = expected->len;

      for (gsize i = 0; i < size; i++)
        g_string_append_c (expected, (char) g_rand_int (rand));
      g_assert_true (shirabe_block_writer_write (writer, expected->str + from, size));
    }
  g_assert_cmpint (shirabe_block_writer_finish (writer), ==, 0);
  shirabe_block_writer_free (writer);
  g_assert_cmpint (close (fd), ==, 0);

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, ==, expected->len);
  g_assert_true (memcmp (contents, expected->str, length) == 0);
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* A write that fails (here a descriptor open for reading) is told, with its errno. */
static void
test_block_writer_tells_a_failed_write (void)
{
  g_autofree char *block = g_malloc0 (3 << 20);
  ShirabeBlockWriter *writer;
  int fd = g_open ("/dev/null", O_RDONLY, 0);
  gboolean ok = TRUE;

  g_assert_cmpint (fd, >=, 0);
  writer = shirabe_block_writer_new (fd);
  /* The thread sees the failure at the first full block: within a few writes, the writer says
   * so. */
  for (guint i = 0; i < 8 && ok; i++)
    {
      ok = shirabe_block_writer_write (writer, block, 3 << 20);
      if (ok)
        g_usleep (10000);
    }
  g_assert_false (ok);
  g_assert_cmpint (shirabe_block_writer_finish (writer), ==, EBADF);
  shirabe_block_writer_free (writer);
  close (fd);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/export-spool/utf8-validity-agrees-with-glib",
                   test_utf8_validity_agrees_with_glib);
  g_test_add_func ("/core/export-spool/rows-read-back-as-written",
                   test_rows_read_back_as_written);
  g_test_add_func ("/core/export-spool/block-writer-writes-every-byte-in-order",
                   test_block_writer_writes_every_byte_in_order);
  g_test_add_func ("/core/export-spool/block-writer-tells-a-failed-write",
                   test_block_writer_tells_a_failed_write);
  return g_test_run ();
}
