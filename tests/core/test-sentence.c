/* test-sentence.c: sentences, paragraphs and a passage's context, in code points
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>

#include "shirabe-sentence.h"

/* The substring of @text at code points [@start, @end). */
static char *
slice (const char *text,
       gint64      start,
       gint64      end)
{
  const char *from = g_utf8_offset_to_pointer (text, start);
  const char *to = g_utf8_offset_to_pointer (text, end);

  return g_strndup (from, to - from);
}

/* The offset of the first occurrence of @needle in @text, in code points. */
static gint64
find (const char *text,
      const char *needle)
{
  const char *at = strstr (text, needle);

  g_assert_nonnull (at);
  return g_utf8_pointer_to_offset (text, at);
}

static void
assert_sentence (const char *text,
                 const char *passage,
                 const char *expected)
{
  gint64 start = find (text, passage);
  gint64 s, e;
  g_autofree char *got = NULL;

  shirabe_sentence_bounds (text, start, start + g_utf8_strlen (passage, -1), &s, &e);
  got = slice (text, s, e);
  g_assert_cmpstr (got, ==, expected);
}

static void
test_japanese_sentences_end_at_their_marks (void)
{
  const char *text = "寮から出られなかった。パスポートは社長が持っていた！「借金を返せ」と言われた？"
                     "そのあと逃げた。";

  assert_sentence (text, "パスポート", "パスポートは社長が持っていた！");
  assert_sentence (text, "借金", "「借金を返せ」と言われた？");
  assert_sentence (text, "出られ", "寮から出られなかった。");
  /* A passage across two sentences gets both whole. */
  assert_sentence (text, "かった。パス", "寮から出られなかった。パスポートは社長が持っていた！");
  assert_sentence (text, "逃げ", "そのあと逃げた。");
}

static void
test_latin_periods_need_a_space_after (void)
{
  const char *text = "She came to the U.S. in 2004. The fee was 3.5 million yen! "
                     "He said \"pay it.\" Then she left";

  assert_sentence (text, "U.S.", "She came to the U.S. in 2004.");
  assert_sentence (text, "3.5", "The fee was 3.5 million yen!");
  /* The closing quote belongs to the sentence it closes. */
  assert_sentence (text, "pay", "He said \"pay it.\"");
  /* The last sentence ends with the text, mark or not. */
  assert_sentence (text, "left", "Then she left");
}

static void
test_a_line_break_ends_sentence_and_paragraph (void)
{
  const char *text = "Q: Where did you work\nA: At a bar. Every night.\n\n  次の段落です。";
  gint64 start = find (text, "Every");
  gint64 s, e;
  g_autofree char *paragraph = NULL;
  g_autofree char *sentence = NULL;
  g_autofree char *last = NULL;

  assert_sentence (text, "work", "Q: Where did you work");
  shirabe_paragraph_bounds (text, start, start + 5, &s, &e);
  paragraph = slice (text, s, e);
  g_assert_cmpstr (paragraph, ==, "A: At a bar. Every night.");
  start = find (text, "段落");
  shirabe_paragraph_bounds (text, start, start + 1, &s, &e);
  last = slice (text, s, e);
  g_assert_cmpstr (last, ==, "次の段落です。");
  /* A position (an empty range) has the sentence it is in. */
  start = find (text, "bar");
  shirabe_sentence_bounds (text, start, start, &s, &e);
  sentence = slice (text, s, e);
  g_assert_cmpstr (sentence, ==, "A: At a bar.");
}

static void
assert_context (const char *text,
                const char *passage,
                gint64      n,
                const char *expected)
{
  gint64 start = find (text, passage);
  gint64 s, e;
  g_autofree char *got = NULL;

  shirabe_sentence_context (text, start, start + g_utf8_strlen (passage, -1), n, &s, &e);
  got = slice (text, s, e);
  g_assert_cmpstr (got, ==, expected);
}

static void
test_context_is_cut_at_sentence_ends (void)
{
  const char *text = "彼女は2004年に来日した。店では毎晩働かされ、借金は増えるばかりだった。"
                     "逃げたのは三年後だった。\n次の行。";

  /* Enough room: the sentences around the passage, whole, and never past the line. */
  assert_context (text, "借金", 100,
                  "彼女は2004年に来日した。店では毎晩働かされ、借金は増えるばかりだった。"
                  "逃げたのは三年後だった。");
  /* Room for part of the sentence before: it starts at the passage's own sentence. */
  assert_context (text, "借金", 14, "店では毎晩働かされ、借金は増えるばかりだった。");
  /* No sentence starts or ends inside the room: cut at the room. */
  assert_context (text, "借金", 3, "され、借金は増え");
  assert_context (text, "借金", 0, "借金");
  /* Non-BMP characters count as one. */
  assert_context ("𠮷野家で働いた。𠮷田は言った。", "田", 20, "𠮷野家で働いた。𠮷田は言った。");
}

static void
test_offsets_past_the_text_are_clamped (void)
{
  gint64 s, e;

  shirabe_sentence_bounds ("短い。", 10, 20, &s, &e);
  g_assert_cmpint (s, ==, 3);
  g_assert_cmpint (e, ==, 3);
  shirabe_sentence_context ("", 0, 0, 5, &s, &e);
  g_assert_cmpint (s, ==, 0);
  g_assert_cmpint (e, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/sentence/japanese-sentences-end-at-their-marks",
                   test_japanese_sentences_end_at_their_marks);
  g_test_add_func ("/core/sentence/latin-periods-need-a-space-after",
                   test_latin_periods_need_a_space_after);
  g_test_add_func ("/core/sentence/a-line-break-ends-sentence-and-paragraph",
                   test_a_line_break_ends_sentence_and_paragraph);
  g_test_add_func ("/core/sentence/context-is-cut-at-sentence-ends",
                   test_context_is_cut_at_sentence_ends);
  g_test_add_func ("/core/sentence/offsets-past-the-text-are-clamped",
                   test_offsets_past_the_text_are_clamped);

  return g_test_run ();
}
