/* shirabe-export-spool.c: a table's rows kept on disk until their widths are known
 *
 * A cell is a tag byte and its value: a guint32 length, the bytes and a NUL for text; eight
 * bytes for a number; four (a day) or eight (a day and its seconds) for a date. The file is
 * written and read through one buffer of a megabyte, so a text read back points into the
 * buffer, NUL-terminated as ReadStat wants it, with no copy.
 *
 * The codings table repeats short texts on every row (the case's name, the narrative's title,
 * the code's path and label, the coder): a column's texts of up to 256 bytes are kept once in
 * memory and spooled as their number, until the column shows that they do not repeat (more
 * than half of them new after a thousand) or the memory allowed (2 MB a column, 8 MB a table)
 * is spent. That spools a third less, and validates each repeated text once.
 *
 * Beside it, the block writer through which the exported file itself is written: ReadStat's
 * output copied into blocks of a megabyte that a thread writes to the file, so that encoding
 * the next rows overlaps the kernel's copying of the last (a tenth of a codings .sav).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE  /* sync_file_range() */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "shirabe-export-spool-private.h"

/* A text kept in memory, spooled as a guint32 index: beside the public tags. */
#define SPOOL_SHARED 0x10

#define SPOOL_BLOCK           (1 << 20)
#define SHARED_TEXT_MAX       256
#define SHARED_COLUMN_BYTES   (2 << 20)
#define SHARED_SPOOL_BYTES    (8 << 20)
#define SHARED_TRIAL          1024

typedef struct
{
  const char *text;    /* NUL-terminated, valid UTF-8; stored after the struct */
  gsize       len;
  guint32     index;
} SharedText;

typedef struct
{
  GHashTable *lookup;    /* SharedText* (itself), by its bytes */
  GPtrArray  *texts;     /* SharedText*, by index; owns them */
  gsize       bytes;
  guint64     n_looked_up;
  gboolean    closed;    /* no more texts are added, nor looked up */
} SharedColumn;

struct _ShirabeSpool
{
  int           fd;
  char         *buf;
  gsize         size;
  gsize         len;       /* writing: bytes buffered; reading: bytes read into buf */
  gsize         pos;       /* reading: the next cell */
  int           write_errno;
  guint         n_columns;
  guint         read_column;   /* the column of the next cell read */
  SharedColumn *shared;
  gsize         shared_bytes;
  GString      *valid;     /* a broken text made valid */
};

static guint
bytes_hash (const char *text,
            gsize       len)
{
  guint64 hash = G_GUINT64_CONSTANT (0xcbf29ce484222325) ^ len;

  for (; len >= 8; text += 8, len -= 8)
    {
      guint64 word;

      memcpy (&word, text, sizeof word);
      hash = (hash ^ word) * G_GUINT64_CONSTANT (0x100000001b3);
      hash ^= hash >> 29;
    }
  for (; len > 0; text++, len--)
    hash = (hash ^ (guchar) *text) * G_GUINT64_CONSTANT (0x100000001b3);
  hash ^= hash >> 32;
  return (guint) hash;
}

static guint
shared_text_hash (gconstpointer key)
{
  const SharedText *shared = key;

  return bytes_hash (shared->text, shared->len);
}

static gboolean
shared_text_equal (gconstpointer a,
                   gconstpointer b)
{
  const SharedText *x = a;
  const SharedText *y = b;

  return x->len == y->len && memcmp (x->text, y->text, x->len) == 0;
}

ShirabeSpool *
shirabe_spool_new (const char *path_template,
                   guint       n_columns,
                   int        *saved_errno)
{
  g_autofree char *path = g_strdup (path_template);
  ShirabeSpool *spool;
  int fd;

  fd = g_mkstemp (path);
  if (fd < 0)
    {
      *saved_errno = errno;
      return NULL;
    }
  /* The spool has no name: nothing of it outlives the export, whatever happens. */
  g_unlink (path);
  spool = g_new0 (ShirabeSpool, 1);
  spool->fd = fd;
  spool->size = SPOOL_BLOCK;
  spool->buf = g_malloc (spool->size);
  spool->n_columns = n_columns;
  spool->shared = g_new0 (SharedColumn, n_columns);
  spool->valid = g_string_new (NULL);
  return spool;
}

void
shirabe_spool_free (ShirabeSpool *spool)
{
  if (spool == NULL)
    return;
  close (spool->fd);
  for (guint i = 0; i < spool->n_columns; i++)
    {
      g_clear_pointer (&spool->shared[i].lookup, g_hash_table_unref);
      g_clear_pointer (&spool->shared[i].texts, g_ptr_array_unref);
    }
  g_free (spool->shared);
  g_free (spool->buf);
  g_string_free (spool->valid, TRUE);
  g_free (spool);
}

/* Writing */

static void
write_buffer (ShirabeSpool *spool)
{
  const char *p = spool->buf;
  gsize left = spool->len;

  while (left > 0 && spool->write_errno == 0)
    {
      ssize_t n = write (spool->fd, p, left);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          spool->write_errno = n < 0 && errno != 0 ? errno : EIO;
          break;
        }
      p += n;
      left -= (gsize) n;
    }
  /* After a failure the rest is dropped: the export stops at the row's end. */
  spool->len = 0;
}

/* Room for @n bytes at the buffer's end. */
static inline char *
reserve (ShirabeSpool *spool,
         gsize         n)
{
  if (G_UNLIKELY (spool->len + n > spool->size))
    {
      write_buffer (spool);
      if (n > spool->size)
        {
          spool->size = n;
          spool->buf = g_realloc (spool->buf, spool->size);
        }
    }
  return spool->buf + spool->len;
}

static inline void
put_tagged (ShirabeSpool *spool,
            int           tag,
            const void   *value,
            gsize         size)
{
  char *p = reserve (spool, 1 + size);

  p[0] = (char) tag;
  memcpy (p + 1, value, size);
  spool->len += 1 + size;
}

void
shirabe_spool_empty (ShirabeSpool *spool)
{
  *reserve (spool, 1) = SHIRABE_SPOOL_EMPTY;
  spool->len++;
}

void
shirabe_spool_integer (ShirabeSpool *spool,
                       gint64        value)
{
  put_tagged (spool, SHIRABE_SPOOL_INTEGER, &value, sizeof value);
}

void
shirabe_spool_number (ShirabeSpool *spool,
                      double        value)
{
  put_tagged (spool, SHIRABE_SPOOL_NUMBER, &value, sizeof value);
}

void
shirabe_spool_date (ShirabeSpool *spool,
                    guint32       day)
{
  put_tagged (spool, SHIRABE_SPOOL_DATE, &day, sizeof day);
}

void
shirabe_spool_datetime (ShirabeSpool *spool,
                        guint32       day,
                        guint32       seconds)
{
  guint32 both[2] = { day, seconds };

  put_tagged (spool, SHIRABE_SPOOL_DATETIME, both, sizeof both);
}

/* A word of eight bytes that holds no NUL and no byte past 0x7f. */
static inline gboolean
word_is_ascii (guint64 word)
{
  const guint64 high = G_GUINT64_CONSTANT (0x8080808080808080);
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);

  return ((word | ((word - ones) & ~word)) & high) == 0;
}

gboolean
shirabe_spool_utf8_valid (const char *text,
                          gsize       len)
{
  const guchar *p = (const guchar *) text;
  const guchar *end = p + len;

  while (p < end)
    {
      guchar c = *p;
      guchar lo = 0x80, hi = 0xbf;
      gsize n;

      if (c < 0x80)
        {
          /* A run of ASCII, eight bytes at a time. */
          for (guint64 word; end - p >= 8; p += 8)
            {
              memcpy (&word, p, sizeof word);
              if (!word_is_ascii (word))
                break;
            }
          for (; p < end && *p < 0x80; p++)
            /* As g_utf8_validate_len(), which stops at a NUL. */
            if (*p == 0)
              return FALSE;
          continue;
        }
      /* The well-formed sequences of Unicode's table 3-7: no overlong forms, no surrogates,
       * nothing past U+10FFFF. */
      if (c >= 0xc2 && c <= 0xdf)
        n = 1;
      else if (c >= 0xe0 && c <= 0xef)
        {
          n = 2;
          if (c == 0xe0)
            lo = 0xa0;
          else if (c == 0xed)
            hi = 0x9f;
        }
      else if (c >= 0xf0 && c <= 0xf4)
        {
          n = 3;
          if (c == 0xf0)
            lo = 0x90;
          else if (c == 0xf4)
            hi = 0x8f;
        }
      else
        return FALSE;
      if ((gsize) (end - p) <= n || p[1] < lo || p[1] > hi)
        return FALSE;
      if (n >= 2 && (p[2] & 0xc0) != 0x80)
        return FALSE;
      if (n == 3 && (p[3] & 0xc0) != 0x80)
        return FALSE;
      p += n + 1;
    }
  return TRUE;
}

static void
put_text (ShirabeSpool *spool,
          const char   *text,
          gsize         len)
{
  guint32 len32 = (guint32) len;
  char *p = reserve (spool, 1 + sizeof len32 + len + 1);

  p[0] = SHIRABE_SPOOL_TEXT;
  memcpy (p + 1, &len32, sizeof len32);
  memcpy (p + 1 + sizeof len32, text, len);
  p[1 + sizeof len32 + len] = '\0';
  spool->len += 1 + sizeof len32 + len + 1;
}

/* Keeps @text (valid, at most SHARED_TEXT_MAX bytes) for @shared while its texts repeat and
 * memory allows; NULL once the column keeps no more. */
static SharedText *
shared_add (ShirabeSpool *spool,
            SharedColumn *shared,
            const char   *text,
            gsize         len)
{
  gsize size = sizeof (SharedText) + len + 1;
  SharedText *added;
  char *copy;

  if ((shared->n_looked_up >= SHARED_TRIAL &&
       (guint64) shared->texts->len * 2 > shared->n_looked_up) ||
      shared->bytes + size > SHARED_COLUMN_BYTES || spool->shared_bytes + size > SHARED_SPOOL_BYTES)
    {
      shared->closed = TRUE;
      return NULL;
    }
  added = g_malloc (size);
  copy = (char *) (added + 1);
  memcpy (copy, text, len);
  copy[len] = '\0';
  added->text = copy;
  added->len = len;
  added->index = shared->texts->len;
  g_ptr_array_add (shared->texts, added);
  g_hash_table_add (shared->lookup, added);
  shared->bytes += size;
  spool->shared_bytes += size;
  return added;
}

static void
put_shared (ShirabeSpool     *spool,
            const SharedText *shared)
{
  put_tagged (spool, SPOOL_SHARED, &shared->index, sizeof shared->index);
}

gsize
shirabe_spool_text (ShirabeSpool *spool,
                    guint         column,
                    const char   *text,
                    gsize         len)
{
  SharedColumn *shared = &spool->shared[column];
  gboolean share = !shared->closed && len <= SHARED_TEXT_MAX;

  if (share)
    {
      SharedText probe = { text, len, 0 };
      SharedText *found;

      if (shared->lookup == NULL)
        {
          shared->lookup = g_hash_table_new (shared_text_hash, shared_text_equal);
          shared->texts = g_ptr_array_new_with_free_func (g_free);
        }
      shared->n_looked_up++;
      found = g_hash_table_lookup (shared->lookup, &probe);
      if (found != NULL)
        {
          put_shared (spool, found);
          return len;
        }
    }
  /* Both formats hold UTF-8; a broken sequence becomes U+FFFD, never a broken file. */
  if (!shirabe_spool_utf8_valid (text, len))
    {
      g_autofree char *valid = g_utf8_make_valid (text, len);

      g_string_assign (spool->valid, valid);
      text = spool->valid->str;
      len = spool->valid->len;
    }
  else if (share)
    {
      SharedText *added = shared_add (spool, shared, text, len);

      if (added != NULL)
        {
          put_shared (spool, added);
          return len;
        }
    }
  len = MIN (len, G_MAXUINT32);
  put_text (spool, text, len);
  return len;
}

int
shirabe_spool_end_row (ShirabeSpool *spool)
{
  return spool->write_errno;
}

int
shirabe_spool_flush (ShirabeSpool *spool)
{
  if (spool->len > 0)
    write_buffer (spool);
  return spool->write_errno;
}

/* Reading */

int
shirabe_spool_rewind (ShirabeSpool *spool)
{
  int saved_errno = shirabe_spool_flush (spool);

  if (saved_errno != 0)
    return saved_errno;
  if (lseek (spool->fd, 0, SEEK_SET) < 0)
    return errno;
  spool->len = 0;
  spool->pos = 0;
  spool->read_column = 0;
  return 0;
}

/* At least @n bytes from pos in the buffer; 0 or errno. */
static int
need (ShirabeSpool *spool,
      gsize         n)
{
  if (G_LIKELY (spool->len - spool->pos >= n))
    return 0;
  memmove (spool->buf, spool->buf + spool->pos, spool->len - spool->pos);
  spool->len -= spool->pos;
  spool->pos = 0;
  if (n > spool->size)
    {
      spool->size = n;
      spool->buf = g_realloc (spool->buf, spool->size);
    }
  while (spool->len < n)
    {
      ssize_t got = read (spool->fd, spool->buf + spool->len, spool->size - spool->len);

      if (got < 0 && errno == EINTR)
        continue;
      if (got < 0)
        return errno != 0 ? errno : EIO;
      if (got == 0)
        return EIO;
      spool->len += (gsize) got;
    }
  return 0;
}

int
shirabe_spool_read_cell (ShirabeSpool     *spool,
                         ShirabeSpoolCell *cell)
{
  const char *p;
  guint32 value32;
  guint column;
  int saved_errno;

  if ((saved_errno = need (spool, 1)) != 0)
    return saved_errno;
  column = spool->read_column;
  spool->read_column = column + 1 < spool->n_columns ? column + 1 : 0;
  cell->tag = (guchar) spool->buf[spool->pos];
  switch ((int) cell->tag)
    {
    case SHIRABE_SPOOL_EMPTY:
      spool->pos++;
      return 0;
    case SHIRABE_SPOOL_TEXT:
      if ((saved_errno = need (spool, 1 + sizeof value32)) != 0)
        return saved_errno;
      memcpy (&value32, spool->buf + spool->pos + 1, sizeof value32);
      if ((saved_errno = need (spool, 1 + sizeof value32 + value32 + 1)) != 0)
        return saved_errno;
      cell->text = spool->buf + spool->pos + 1 + sizeof value32;
      cell->len = value32;
      spool->pos += 1 + sizeof value32 + value32 + 1;
      return 0;
    case SPOOL_SHARED:
      {
        const SharedText *shared;
        GPtrArray *texts = spool->shared[column].texts;

        if ((saved_errno = need (spool, 1 + sizeof value32)) != 0)
          return saved_errno;
        memcpy (&value32, spool->buf + spool->pos + 1, sizeof value32);
        spool->pos += 1 + sizeof value32;
        if (texts == NULL || value32 >= texts->len)
          return EIO;
        shared = g_ptr_array_index (texts, value32);
        cell->tag = SHIRABE_SPOOL_TEXT;
        cell->text = shared->text;
        cell->len = shared->len;
        return 0;
      }
    case SHIRABE_SPOOL_INTEGER:
    case SHIRABE_SPOOL_NUMBER:
    case SHIRABE_SPOOL_DATETIME:
      if ((saved_errno = need (spool, 9)) != 0)
        return saved_errno;
      p = spool->buf + spool->pos + 1;
      if (cell->tag == SHIRABE_SPOOL_INTEGER)
        memcpy (&cell->integer, p, 8);
      else if (cell->tag == SHIRABE_SPOOL_NUMBER)
        memcpy (&cell->number, p, 8);
      else
        {
          memcpy (&cell->day, p, 4);
          memcpy (&cell->seconds, p + 4, 4);
        }
      spool->pos += 9;
      return 0;
    case SHIRABE_SPOOL_DATE:
      if ((saved_errno = need (spool, 5)) != 0)
        return saved_errno;
      memcpy (&cell->day, spool->buf + spool->pos + 1, 4);
      spool->pos += 5;
      return 0;
    default:
      return EIO;
    }
}

/* The block writer */

#define WRITER_BLOCK     (1 << 20)
#define WRITER_BLOCKS    4
/* Bytes written between two starts of their writing to disk. */
#define WRITEBACK_CHUNK  (8 << 20)

typedef struct
{
  char  *data;   /* NULL: the end, for the thread */
  gsize  len;
} Block;

struct _ShirabeBlockWriter
{
  int          fd;
  GThread     *thread;
  GAsyncQueue *full;       /* Block*, to write */
  GAsyncQueue *empty;      /* Block*, written */
  Block        blocks[WRITER_BLOCKS];
  Block        end;
  Block       *current;    /* being filled; NULL once finished */
  int          error;      /* atomic: the errno of the first failed write */
  /* The thread's own */
  guint64      written;
  guint64      started;
};

static gpointer
block_writer_thread (gpointer data)
{
  ShirabeBlockWriter *writer = data;

  for (;;)
    {
      Block *block = g_async_queue_pop (writer->full);
      const char *p = block->data;
      gsize left = block->len;

      if (block->data == NULL)
        return NULL;
      while (left > 0 && g_atomic_int_get (&writer->error) == 0)
        {
          ssize_t n = write (writer->fd, p, left);

          if (n < 0 && errno == EINTR)
            continue;
          if (n <= 0)
            {
              g_atomic_int_set (&writer->error, n < 0 && errno != 0 ? errno : EIO);
              break;
            }
          p += n;
          left -= (gsize) n;
          writer->written += (guint64) n;
        }
#ifdef SYNC_FILE_RANGE_WRITE
      /* The file is synced before it takes its name; left to the end, that sync would wait for
       * the whole file. Started as the blocks go, the disk writes while rows are encoded. A
       * hint: a failure shows again in the sync. */
      if (writer->written - writer->started >= WRITEBACK_CHUNK)
        {
          sync_file_range (writer->fd, (off64_t) writer->started,
                           (off64_t) (writer->written - writer->started),
                           SYNC_FILE_RANGE_WRITE);
          writer->started = writer->written;
        }
#endif
      block->len = 0;
      g_async_queue_push (writer->empty, block);
    }
}

ShirabeBlockWriter *
shirabe_block_writer_new (int fd)
{
  ShirabeBlockWriter *writer = g_new0 (ShirabeBlockWriter, 1);

  writer->fd = fd;
  writer->full = g_async_queue_new ();
  writer->empty = g_async_queue_new ();
  for (guint i = 0; i < WRITER_BLOCKS; i++)
    {
      writer->blocks[i].data = g_malloc (WRITER_BLOCK);
      if (i > 0)
        g_async_queue_push (writer->empty, &writer->blocks[i]);
    }
  writer->current = &writer->blocks[0];
  writer->thread = g_thread_new ("shirabe-export-writer", block_writer_thread, writer);
  return writer;
}

gboolean
shirabe_block_writer_write (ShirabeBlockWriter *writer,
                            const void         *data,
                            gsize               len)
{
  const char *p = data;

  g_return_val_if_fail (writer->current != NULL, FALSE);
  while (len > 0)
    {
      Block *block = writer->current;
      gsize n = MIN (len, WRITER_BLOCK - block->len);

      memcpy (block->data + block->len, p, n);
      block->len += n;
      p += n;
      len -= n;
      if (block->len == WRITER_BLOCK)
        {
          g_async_queue_push (writer->full, block);
          writer->current = g_async_queue_pop (writer->empty);
        }
    }
  return g_atomic_int_get (&writer->error) == 0;
}

int
shirabe_block_writer_finish (ShirabeBlockWriter *writer)
{
  if (writer->current != NULL)
    {
      if (writer->current->len > 0)
        g_async_queue_push (writer->full, writer->current);
      writer->current = NULL;
      g_async_queue_push (writer->full, &writer->end);
      g_thread_join (g_steal_pointer (&writer->thread));
    }
  return g_atomic_int_get (&writer->error);
}

void
shirabe_block_writer_free (ShirabeBlockWriter *writer)
{
  if (writer == NULL)
    return;
  shirabe_block_writer_finish (writer);
  g_async_queue_unref (writer->full);
  g_async_queue_unref (writer->empty);
  for (guint i = 0; i < WRITER_BLOCKS; i++)
    g_free (writer->blocks[i].data);
  g_free (writer);
}
