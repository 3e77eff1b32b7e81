/* shirabe-generate.c: deterministic synthetic projects for tests and benchmarks
 *
 * Everything random comes from one xoshiro256** stream seeded from the options, never from
 * g_random or the clock, so that the same options give byte-identical rows: UUIDs and
 * timestamps included. The people, places and events are invented.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "shirabe-i18n.h"

#include <string.h>
#include <time.h>

#include "shirabe-generate-private.h"
#include "shirabe-project-private.h"
#include "shirabe-schema-private.h"

#define DEFAULT_N_CODES    60
#define DEFAULT_N_CODERS   3
#define DEFAULT_MIN_LENGTH 2000
#define DEFAULT_MAX_LENGTH 300000

/* Codings are 5 to 400 code points long (shorter when the narrative is). */
#define CODING_MIN 5
#define CODING_MAX 400

/* Statistics packages cap variable names at 32 characters (Stata); so does the schema's user. */
#define VAR_NAME_MAX 32

#define CANCEL_CHECK_INTERVAL 100

/* 2023-04-01T00:00:00Z: the synthetic study's clock starts here, not at the real time. */
#define CLOCK_START G_GINT64_CONSTANT (1680307200)

/* ---------------------------------------------------------------------------------------------
 * The random stream: splitmix64 to spread the seed, xoshiro256** to draw.
 */

typedef struct
{
  guint64 s[4];
} Rng;

static guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static void
rng_seed (Rng     *rng,
          guint64  seed)
{
  /* splitmix64 never yields four zero words, the one state xoshiro cannot leave. */
  for (guint i = 0; i < G_N_ELEMENTS (rng->s); i++)
    rng->s[i] = splitmix64 (&seed);
}

static inline guint64
rotl (guint64 x,
      int     k)
{
  return (x << k) | (x >> (64 - k));
}

static guint64
rng_next (Rng *rng)
{
  guint64 *s = rng->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

/* A number in [0, n); n must be positive. The multiply-shift keeps the high bits, the good
 * ones, and its bias (below 2^-32) does not matter for synthetic data. */
static guint32
rng_below (Rng     *rng,
           guint32  n)
{
  return (guint32) (((rng_next (rng) >> 32) * (guint64) n) >> 32);
}

/* A number in [0, 1). */
static double
rng_unit (Rng *rng)
{
  return (double) (rng_next (rng) >> 11) * (1.0 / 9007199254740992.0);
}

static gboolean
rng_percent (Rng   *rng,
             guint  percent)
{
  return rng_below (rng, 100) < percent;
}

/* A version 4 UUID (RFC 4122) made of the stream's bits, lowercase like g_uuid_string_random. */
static void
rng_uuid (Rng  *rng,
          char  out[37])
{
  static const char hex[] = "0123456789abcdef";
  guint8 bytes[16];
  guint64 a = rng_next (rng);
  guint64 b = rng_next (rng);
  guint j = 0;

  for (guint i = 0; i < 8; i++)
    {
      bytes[i] = (guint8) (a >> (8 * i));
      bytes[8 + i] = (guint8) (b >> (8 * i));
    }
  bytes[6] = (bytes[6] & 0x0F) | 0x40;
  bytes[8] = (bytes[8] & 0x3F) | 0x80;

  for (guint i = 0; i < 16; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        out[j++] = '-';
      out[j++] = hex[bytes[i] >> 4];
      out[j++] = hex[bytes[i] & 0x0F];
    }
  out[j] = '\0';
}

/* Formats Unix time as "YYYY-MM-DDTHH:MM:SSZ" by civil-calendar arithmetic (Howard Hinnant's
 * days-to-date), because half a million GDateTime objects would cost more than the inserts. */
static void
format_timestamp (gint64 unix_time,
                  char   out[21])
{
  gint64 days = unix_time / 86400;
  gint64 seconds = unix_time % 86400;
  gint64 z = days + 719468;
  gint64 era = z / 146097;
  gint64 doe = z - era * 146097;
  gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  gint64 mp = (5 * doy + 2) / 153;
  int day = (int) (doy - (153 * mp + 2) / 5 + 1);
  int month = (int) (mp < 10 ? mp + 3 : mp - 9);
  int year = (int) (yoe + era * 400 + (month <= 2 ? 1 : 0));

  g_snprintf (out, 21, "%04d-%02d-%02dT%02d:%02d:%02dZ", year, month, day,
              (int) (seconds / 3600), (int) (seconds / 60 % 60), (int) (seconds % 60));
}

/* ---------------------------------------------------------------------------------------------
 * Narrative text: sentences assembled from invented case-record phrases. Every phrase's length
 * in code points is counted once, so that a text's length is known as it is written and never
 * counted again.
 *
 * The phrases avoid characters that CP932, EUC-JP and ISO-2022-JP cannot encode (em dash, wave
 * dash, yen sign), so that the import benchmark can write them in legacy encodings; the rare
 * phrases outside the BMP are the exception, on purpose.
 */

typedef enum
{
  LIST_OPENING,
  LIST_SUBJECT,
  LIST_RARE_SUBJECT,
  LIST_CLAUSE,
  LIST_MONEY_PREFIX,
  LIST_MONEY_SUFFIX,
  LIST_ENDING,
  LIST_QUOTE,
  LIST_QUOTE_TAIL,
  N_LISTS
} ListId;

typedef struct
{
  const char *const *texts;
  guint              n;
} PhraseTable;

#define TABLE(array) { array, G_N_ELEMENTS (array) }

static const char *const ja_openings[] = {
  "その後、", "来日して三か月ほど経った頃、", "面接の際、", "出国前、", "空港に着くと、",
  "最初の一週間、", "給料日になっても、", "寮に移ってから、", "支援団体の記録によると、",
  "通訳を介した聞き取りで、", "ある晩、", "契約の更新時に、", "在留期限が近づくと、",
  "シェルターに入所した後、", "大使館に連絡した際、", "裁判記録によれば、", "当初、", "数週間後、",
  "帰国の話が出ると、", "二度目の面談で、",
};

static const char *const ja_subjects[] = {
  "本人は", "相談者は", "彼女は", "彼は", "A氏は", "C氏は", "当事者は", "申立人は",
  "被害者とされる女性は", "技能実習生の男性は", "同行していた知人は",
};

/* Outside the BMP: 𠮷 (U+20BB7) and 𩸽 (U+29E3D) take four bytes and two UTF-16 units. */
static const char *const ja_rare_subjects[] = {
  "𠮷田さんは", "𠮷川と名乗る女性は", "𩸽料理の店で働いていた女性は",
};

/* Continuative forms: each takes "た" (or "、" and another clause) after it. */
static const char *const ja_clauses[] = {
  "知人からの紹介で日本の飲食店での仕事を持ちかけられ",
  "ブローカーに高収入の工場勤務を約束され",
  "現地の仲介業者に手数料を支払うよう求められ",
  "観光ビザで入国するよう指示され",
  "興行ビザで来日し",
  "技能実習生として入国し",
  "留学生の資格で来日し",
  "偽装結婚の書類に署名させられ",
  "空港でパスポートを雇用主に預けるよう言われ",
  "パスポートと在留カードを取り上げられ",
  "寮の外に出ることを禁じられ",
  "携帯電話を取り上げられ",
  "一日十四時間以上働かされ",
  "休日をまったく与えられなかっ",
  "賃金の大半を借金の返済として差し引かれ",
  "家族に危害を加えると脅され",
  "警察に行けば逮捕されると繰り返し言われ",
  "別の店に売られると脅され",
  "同じ境遇の女性たちと一つの部屋で生活させられ",
  "通訳なしで日本語の契約書に署名させられ",
  "客の相手をするよう強要され",
  "深夜まで清掃作業に従事させられ",
  "ブローカーの知人の車で地方の工場に移され",
  "第三国を経由して入国し",
  "香港経由で成田空港に到着し",
  "入国審査では用意された説明を繰り返すよう指示され",
  "在留期限が切れた後も働き続けることになっ",
  "隙を見て寮から逃げ出し",
  "NGOの相談窓口に電話をかけ",
  "同郷の知人の助けで大使館に連絡し",
  "警察の立ち入り調査の際に保護され",
  "シェルターに一時保護され",
  "弁護士の支援を受けて未払い賃金を請求し",
  "帰国のための渡航書の発給を受け",
  "入管の収容施設で支援者の面会を受け",
  "LINEで送られてきた求人を信じ",
};

/* Money phrases come in pairs: prefix i goes with suffix i. */
static const char *const ja_money_prefixes[] = {
  "渡航費として約", "ビザ取得の手数料として", "紹介料の名目で", "寮費と食費として毎月",
  "借金の残額はまだ",
};
static const char *const ja_money_suffixes[] = {
  "万円の借金を負わされ", "万円を請求され", "万円を支払わされ", "万円を差し引かれ",
  "万円あると告げられ",
};

static const char *const ja_endings[] = {
  "た。", "たという。", "たと述べた。", "たと証言した。", "たと記録されている。", "たと話した。",
  "たとされる。",
};

static const char *const ja_quotes[] = {
  "借金を返すまで国には帰れないと言われました",
  "パスポートを返してほしいと何度も頼みました",
  "日本に来れば家族を助けられると思っていました",
  "仕事の内容は来るまで知らされていませんでした",
  "外に出たら警察に捕まると思い込んでいました",
  "給料は一度も手渡されませんでした",
  "誰に相談すればいいのか分かりませんでした",
  "逃げたら家族に迷惑がかかると言われました",
  "ようやく安心して眠れるようになりました",
  "毎晩、妹に🙏とだけ送っていました",
};

static const char *const ja_quote_tails[] = {
  "」と本人は話した。", "」と相談者は述べた。", "」と記録にある。", "」と証言している。",
};

static const char *const en_openings[] = {
  "after that, ", "about three months after arriving in Japan, ", "during the job interview, ",
  "before leaving home, ", "on arrival at the airport, ", "in the first week, ", "on payday, ",
  "after moving into the dormitory, ", "according to the NGO case record, ",
  "in an interview conducted through an interpreter, ", "one evening, ",
  "when the contract was renewed, ", "as the period of stay was about to expire, ",
  "after entering the shelter, ", "when contacting the embassy, ",
  "according to the court record, ", "at first, ", "a few weeks later, ",
  "at the second meeting, ",
};

static const char *const en_subjects[] = {
  "the client", "she", "he", "the interviewee", "Ms. A", "Mr. C", "the complainant",
  "the person concerned", "the woman", "the technical intern", "the applicant",
};

static const char *const en_rare_subjects[] = {
  "Ms. 𠮷田 (Yoshida)", "the woman who called herself 𠮷川", "a cook from the 𩸽 restaurant",
};

static const char *const en_clauses[] = {
  "was offered restaurant work in Japan through an acquaintance",
  "was promised a well-paid factory job by a broker",
  "was asked to pay a fee to a local recruitment agency",
  "was told to enter Japan on a tourist visa",
  "arrived on an entertainer visa",
  "entered Japan as a technical intern trainee",
  "came to Japan on a student visa",
  "was made to sign papers for a sham marriage",
  "was told to hand the passport to the employer at the airport",
  "had the passport and residence card taken away",
  "was forbidden to leave the dormitory",
  "had the mobile phone confiscated",
  "was made to work more than fourteen hours a day",
  "was not given a single day off",
  "had most of the wages deducted as debt repayment",
  "was threatened that the family at home would be harmed",
  "was told again and again that going to the police would mean arrest",
  "was threatened with being sold to another club",
  "had to share one room with five other women",
  "signed a contract in Japanese without an interpreter",
  "was forced to entertain customers",
  "was made to clean offices until late at night",
  "was moved to a factory in another prefecture in the broker's car",
  "entered Japan via a third country",
  "arrived at Narita via Hong Kong",
  "was instructed to repeat a prepared story at immigration",
  "kept working after the period of stay had expired",
  "escaped from the dormitory when the door was left open",
  "called an NGO hotline",
  "contacted the embassy with the help of a friend from home",
  "was taken into protection during a police inspection",
  "was placed in a shelter",
  "claimed unpaid wages with the support of a lawyer",
  "received a travel document to return home",
  "was visited by a supporter at the immigration detention centre",
  "trusted a job offer sent through a messaging app",
};

static const char *const en_money_prefixes[] = {
  "was charged about ", "paid a recruitment fee of about ", "ran up a debt of about ",
  "had about ", "was told that the remaining debt was still ",
};
static const char *const en_money_suffixes[] = {
  " yen for the flight and the visa", " yen", " yen to the broker",
  " yen deducted every month for rent and meals", " yen",
};

/* Each is followed by a full stop. */
static const char *const en_endings[] = {
  "", "", "", ", the record states", ", according to the interview",
  ", as later told to the caseworker", ", the court found", ", the caseworker noted",
};

static const char *const en_quotes[] = {
  "I was told I could not go home until the debt was paid",
  "I asked again and again for my passport back",
  "I thought I could help my family if I came to Japan",
  "Nobody told me what the work was until I arrived",
  "I believed the police would arrest me if I went outside",
  "I was never handed my wages",
  "I did not know who to ask for help",
  "They said my family would suffer if I ran away",
  "Now I can finally sleep without fear",
  "Every night I sent my sister just a 🙏",
};

static const char *const en_quote_tails[] = {
  "\", the client said.", "\", she told the interviewer.", "\", according to the record.",
  "\", he said through the interpreter.",
};

static const PhraseTable ja_tables[N_LISTS] = {
  TABLE (ja_openings), TABLE (ja_subjects), TABLE (ja_rare_subjects), TABLE (ja_clauses),
  TABLE (ja_money_prefixes), TABLE (ja_money_suffixes), TABLE (ja_endings), TABLE (ja_quotes),
  TABLE (ja_quote_tails),
};

static const PhraseTable en_tables[N_LISTS] = {
  TABLE (en_openings), TABLE (en_subjects), TABLE (en_rare_subjects), TABLE (en_clauses),
  TABLE (en_money_prefixes), TABLE (en_money_suffixes), TABLE (en_endings), TABLE (en_quotes),
  TABLE (en_quote_tails),
};

G_STATIC_ASSERT (G_N_ELEMENTS (ja_money_prefixes) == G_N_ELEMENTS (ja_money_suffixes));
G_STATIC_ASSERT (G_N_ELEMENTS (en_money_prefixes) == G_N_ELEMENTS (en_money_suffixes));

static const char *const en_months[] = {
  "January", "February", "March", "April", "May", "June", "July", "August", "September",
  "October", "November", "December",
};

typedef struct
{
  const char *text;
  gsize       n_bytes;
  gsize       n_chars;
} Phrase;

typedef struct
{
  Phrase   *phrases;
  guint     n;
} PhraseList;

typedef struct
{
  gboolean   japanese;
  PhraseList lists[N_LISTS];
} Lexicon;

static void
lexicon_init (Lexicon  *lexicon,
              gboolean  japanese)
{
  const PhraseTable *tables = japanese ? ja_tables : en_tables;

  lexicon->japanese = japanese;
  for (guint i = 0; i < N_LISTS; i++)
    {
      PhraseList *list = &lexicon->lists[i];

      list->n = tables[i].n;
      list->phrases = g_new (Phrase, list->n);
      for (guint j = 0; j < list->n; j++)
        {
          list->phrases[j].text = tables[i].texts[j];
          list->phrases[j].n_bytes = strlen (tables[i].texts[j]);
          list->phrases[j].n_chars = g_utf8_strlen (tables[i].texts[j], -1);
        }
    }
}

static void
lexicon_clear (Lexicon *lexicon)
{
  for (guint i = 0; i < N_LISTS; i++)
    g_clear_pointer (&lexicon->lists[i].phrases, g_free);
}

/* Appends to @out and keeps @n_chars, the text's length in code points, up to date. */
typedef struct
{
  GString *out;
  guint64  n_chars;
  Rng     *rng;
} Writer;

static inline void
put_phrase (Writer       *writer,
            const Phrase *phrase)
{
  g_string_append_len (writer->out, phrase->text, phrase->n_bytes);
  writer->n_chars += phrase->n_chars;
}

static inline const Phrase *
pick (Writer        *writer,
      const Lexicon *lexicon,
      ListId         list)
{
  const PhraseList *phrases = &lexicon->lists[list];

  return &phrases->phrases[rng_below (writer->rng, phrases->n)];
}

static inline void
put_ascii (Writer     *writer,
           const char *text)
{
  gsize n = strlen (text);

  g_string_append_len (writer->out, text, n);
  writer->n_chars += n;
}

/* For the few short pieces built at run time (dates, amounts): counting them is cheap. */
static void
put_counted (Writer     *writer,
             const char *text)
{
  g_string_append (writer->out, text);
  writer->n_chars += g_utf8_strlen (text, -1);
}

static void
write_sentence (Writer        *writer,
                const Lexicon *lexicon)
{
  Rng *rng = writer->rng;
  gboolean ja = lexicon->japanese;
  gsize start = writer->out->len;

  if (rng_percent (rng, 12))
    {
      put_counted (writer, ja ? "「" : "\"");
      put_phrase (writer, pick (writer, lexicon, LIST_QUOTE));
      put_phrase (writer, pick (writer, lexicon, LIST_QUOTE_TAIL));
      return;
    }

  if (rng_percent (rng, 45))
    {
      if (rng_below (rng, 4) == 0)
        {
          char date[64];
          guint year = 1998 + rng_below (rng, 26);
          guint month = rng_below (rng, 12);

          if (ja)
            g_snprintf (date, sizeof date, "%u年%u月、", year, month + 1);
          else
            g_snprintf (date, sizeof date, "in %s %u, ", en_months[month], year);
          put_counted (writer, date);
        }
      else
        put_phrase (writer, pick (writer, lexicon, LIST_OPENING));
    }

  put_phrase (writer, pick (writer, lexicon,
                            rng_percent (rng, 1) ? LIST_RARE_SUBJECT : LIST_SUBJECT));
  if (!ja)
    put_ascii (writer, " ");

  for (guint n_clauses = rng_percent (rng, 35) ? 2 : 1; n_clauses > 0; n_clauses--)
    {
      if (rng_percent (rng, 15))
        {
          guint which = rng_below (rng, lexicon->lists[LIST_MONEY_PREFIX].n);
          guint amount = 5 + rng_below (rng, 300);  /* in units of 10,000 yen */
          char number[32];

          put_phrase (writer, &lexicon->lists[LIST_MONEY_PREFIX].phrases[which]);
          if (ja)
            g_snprintf (number, sizeof number, "%u", amount);
          else if (amount >= 100)
            g_snprintf (number, sizeof number, "%u,%03u,000", amount / 100, amount % 100 * 10);
          else
            g_snprintf (number, sizeof number, "%u,000", amount * 10);
          put_ascii (writer, number);
          put_phrase (writer, &lexicon->lists[LIST_MONEY_SUFFIX].phrases[which]);
        }
      else
        put_phrase (writer, pick (writer, lexicon, LIST_CLAUSE));

      if (n_clauses > 1)
        {
          if (ja)
            put_counted (writer, "、");
          else
            put_ascii (writer, ", then ");
        }
    }

  put_phrase (writer, pick (writer, lexicon, LIST_ENDING));
  if (!ja)
    {
      put_ascii (writer, ".");
      writer->out->str[start] = g_ascii_toupper (writer->out->str[start]);
    }
}

/* Replaces the code point at byte @offset of @out, keeping the length in code points. */
static void
replace_char (GString    *out,
              gsize       offset,
              const char *replacement)
{
  const char *at = out->str + offset;
  gsize n_bytes = g_utf8_next_char (at) - at;

  g_string_erase (out, offset, n_bytes);
  g_string_insert (out, offset, replacement);
}

static gboolean
is_sentence_end (gunichar c)
{
  return c == '.' || c == '"' || c == 0x3002 /* 。 */ || c == 0x300D /* 」 */;
}

/* Makes a text that was cut at an arbitrary code point end like a text: a cut between
 * sentences ends with line breaks, a cut inside one gets a full stop (and an ellipsis when it
 * fell on a space or a comma). Each change swaps one code point for one, so the length stays. */
static void
end_like_a_sentence (GString  *out,
                     gsize     text_start,
                     gboolean  ja)
{
  const char *start = out->str + text_start;
  const char *p = out->str + out->len;
  const char *last;
  gsize n_spaces = 0;

  /* The generator's only white space is ASCII: one byte per code point. */
  while (p > start && (p[-1] == ' ' || p[-1] == '\n'))
    {
      p--;
      n_spaces++;
    }
  if (n_spaces > 0 && p > start && is_sentence_end (g_utf8_get_char (g_utf8_prev_char (p))))
    {
      memset (out->str + (p - out->str), '\n', n_spaces);
      return;
    }

  last = g_utf8_prev_char (out->str + out->len);
  if (is_sentence_end (g_utf8_get_char (last)))
    return;
  if (last > start)
    {
      const char *before = g_utf8_prev_char (last);
      gunichar c = g_utf8_get_char (before);

      if (c == ' ' || c == '\n' || c == ',' || c == 0x3001 /* 、 */)
        {
          replace_char (out, before - out->str, "…");
          last = g_utf8_prev_char (out->str + out->len);
        }
    }
  replace_char (out, last - out->str, ja ? "。" : ".");
}

/* Appends paragraphs of sentences until exactly @n_chars code points are written. */
static void
write_text (Writer        *writer,
            const Lexicon *lexicon,
            guint          n_chars)
{
  gboolean ja = lexicon->japanese;
  gsize text_start = writer->out->len;
  guint64 goal = writer->n_chars + n_chars;
  const char *end;

  if (n_chars == 0)
    return;

  while (writer->n_chars < goal)
    {
      guint n_sentences = 2 + rng_below (writer->rng, 6);

      if (writer->out->len > text_start)
        put_ascii (writer, "\n\n");
      for (guint i = 0; i < n_sentences && writer->n_chars < goal; i++)
        {
          if (i > 0 && !ja)
            put_ascii (writer, " ");
          write_sentence (writer, lexicon);
        }
    }

  /* The last sentence overshot by less than its own length: cut it back, walking only over
   * the surplus rather than counting the text again. */
  end = writer->out->str + writer->out->len;
  for (guint64 surplus = writer->n_chars - goal; surplus > 0; surplus--)
    end = g_utf8_prev_char (end);
  g_string_truncate (writer->out, end - writer->out->str);
  writer->n_chars = goal;

  end_like_a_sentence (writer->out, text_start, ja);
}

/**
 * shirabe_generate_text:
 * @seed: the same seed gives the same text
 * @n_chars: the text's length in code points
 * @japanese: Japanese sentences (with some Latin letters) rather than English ones
 *
 * Writes narrative-like text from invented case-record phrases: paragraphs separated by blank
 * lines, an occasional character outside the BMP.
 *
 * Returns: (transfer full): the text, exactly @n_chars code points long
 */
char *
shirabe_generate_text (guint64  seed,
                       guint    n_chars,
                       gboolean japanese)
{
  Lexicon lexicon;
  Rng rng;
  Writer writer = { NULL, 0, &rng };

  rng_seed (&rng, seed);
  lexicon_init (&lexicon, japanese);
  writer.out = g_string_sized_new ((gsize) n_chars * (japanese ? 3 : 1) + 64);
  write_text (&writer, &lexicon, n_chars);
  lexicon_clear (&lexicon);
  return g_string_free (writer.out, FALSE);
}

/* ---------------------------------------------------------------------------------------------
 * The code tree.
 */

typedef struct
{
  const char *slug;
  const char *label_en;
  const char *label_ja;
} ChildDef;

/* Grandchildren are their parent narrowed by a qualifier ("Threats: by the employer"). */
typedef struct
{
  const char *en;
  const char *ja;
} Qualifier;

typedef struct
{
  const char      *var_name;
  const char      *label_en;
  const char      *label_ja;
  const char      *description_en;
  const char      *description_ja;
  const char      *color;
  const ChildDef  *children;
  guint            n_children;
  const Qualifier *qualifiers;
  guint            n_qualifiers;
} TopDef;

static const ChildDef route_children[] = {
  { "direct", "Direct flight", "直行便での入国" },
  { "transit", "Transit via a third country", "第三国経由" },
  { "sea", "Sea route", "海路" },
  { "forged", "Forged documents", "偽造書類での入国" },
  { "overstay", "Overstay after legal entry", "正規入国後の超過滞在" },
  { "visa", "Residence status used", "使用された在留資格" },
};

static const ChildDef recruitment_children[] = {
  { "job_ad", "Job advertisement", "求人広告" },
  { "acquaintance", "Introduction by an acquaintance", "知人による紹介" },
  { "marriage", "Marriage broker", "結婚仲介" },
  { "online", "Online contact", "オンラインでの接触" },
  { "agency", "Sending agency", "送り出し機関" },
  { "deception", "False promises about the work", "仕事内容の偽り" },
};

static const ChildDef control_children[] = {
  { "passport", "Passport confiscation", "旅券の取り上げ" },
  { "debt", "Debt bondage", "債務による拘束" },
  { "threats", "Threats", "脅迫" },
  { "isolation", "Isolation", "孤立化" },
  { "violence", "Violence", "暴力" },
  { "wages", "Withheld wages", "賃金の不払い" },
  { "watch", "Surveillance", "監視" },
};

static const ChildDef exploitation_children[] = {
  { "labour", "Forced labour", "強制労働" },
  { "sexual", "Sexual exploitation", "性的搾取" },
  { "domestic", "Domestic servitude", "家事労働での搾取" },
  { "intern", "Abuse of technical interns", "技能実習制度の悪用" },
  { "hostess", "Hostess work", "接客業への従事" },
};

static const ChildDef exit_children[] = {
  { "escape", "Escape", "自力での逃走" },
  { "police", "Police intervention", "警察による保護" },
  { "shelter", "Shelter", "シェルターでの保護" },
  { "embassy", "Embassy assistance", "大使館の支援" },
  { "ngo", "NGO support", "NGOの支援" },
  { "deport", "Deportation", "退去強制" },
};

static const Qualifier route_qualifiers[] = {
  { "arranged by a broker", "ブローカーの手配" },
  { "self-arranged", "本人の手配" },
  { "with a companion", "同行者あり" },
  { "at the border", "入国審査時" },
  { "reported by the person", "本人の申告" },
};

static const Qualifier recruitment_qualifiers[] = {
  { "by a stranger", "見知らぬ人から" },
  { "by a relative", "親族から" },
  { "by a friend", "友人から" },
  { "via social media", "SNS経由" },
  { "with a written contract", "書面の契約あり" },
};

static const Qualifier control_qualifiers[] = {
  { "by a broker", "ブローカーによる" },
  { "by the employer", "雇用主による" },
  { "by a partner", "配偶者・交際相手による" },
  { "reported by the person", "本人の申告" },
  { "corroborated by documents", "書類による裏付け" },
  { "repeated", "繰り返し" },
};

static const Qualifier exploitation_qualifiers[] = {
  { "ongoing", "継続中" },
  { "in the past", "過去" },
  { "unpaid", "無給" },
  { "reported by the person", "本人の申告" },
  { "corroborated by documents", "書類による裏付け" },
};

static const Qualifier exit_qualifiers[] = {
  { "on the person's own initiative", "本人の主導" },
  { "with outside help", "外部の支援" },
  { "after detention", "収容を経て" },
  { "followed by return home", "帰国を伴う" },
  { "reported by the person", "本人の申告" },
};

static const TopDef top_defs[] = {
  { "route", "Route", "経路",
    "How the person travelled to Japan and entered the country.",
    "本人が日本へ渡航し入国した経路。", "#3584E4",
    route_children, G_N_ELEMENTS (route_children),
    route_qualifiers, G_N_ELEMENTS (route_qualifiers) },
  { "recruitment", "Recruitment", "勧誘の手口",
    "How the person was approached, persuaded or deceived before leaving.",
    "出国前に本人がどのように誘われ、説得され、あるいは欺かれたか。", "#26A269",
    recruitment_children, G_N_ELEMENTS (recruitment_children),
    recruitment_qualifiers, G_N_ELEMENTS (recruitment_qualifiers) },
  { "control", "Means of control", "支配の手段",
    "How the person was kept from leaving or seeking help.",
    "本人が離脱したり助けを求めたりできないようにした手段。", "#E01B24",
    control_children, G_N_ELEMENTS (control_children),
    control_qualifiers, G_N_ELEMENTS (control_qualifiers) },
  { "exploitation", "Exploitation", "搾取の形態",
    "The work or services the person was made to provide.",
    "本人が強いられた労働やサービスの内容。", "#9141AC",
    exploitation_children, G_N_ELEMENTS (exploitation_children),
    exploitation_qualifiers, G_N_ELEMENTS (exploitation_qualifiers) },
  { "exit", "Exit", "離脱の経路",
    "How the situation ended, and who helped.",
    "状況がどのように終わり、誰が支援したか。", "#FF7800",
    exit_children, G_N_ELEMENTS (exit_children),
    exit_qualifiers, G_N_ELEMENTS (exit_qualifiers) },
};

/* What the generator keeps of a code while building the tree. */
typedef struct
{
  gint64  id;
  guint   top;          /* index into top_defs */
  guint   n_children;
  char   *var_name;
  char   *label_en;
  char   *label_ja;
  char   *color;
} GenCode;

/* ---------------------------------------------------------------------------------------------
 * Case attributes.
 */

static const char *const nationalities[] = {
  "Philippines", "Thailand", "Viet Nam", "Indonesia", "Colombia", "China", "Cambodia",
  "Myanmar", "Nepal", "Brazil", "Romania", "Nigeria", "Sri Lanka", "Mongolia",
};

static const char *const genders[] = { "female", "male", "other", "unknown" };
static const char *const record_sources[] = { "interview", "NGO", "embassy", "court" };

typedef enum
{
  ATTR_NATIONALITY,
  ATTR_GENDER,
  ATTR_AGE,
  ATTR_YEAR_OF_ENTRY,
  ATTR_RECORD_SOURCE,
  ATTR_INTERVIEWED_ON,
  N_ATTRS
} AttrId;

typedef struct
{
  const char *var_name;
  const char *name_en;
  const char *name_ja;
  const char *type;
  const char *choices;   /* one per line, as the attribute table keeps them */
} AttrDef;

static const AttrDef attr_defs[N_ATTRS] = {
  { "nationality", "Nationality", "国籍", "text", "" },
  { "gender", "Gender", "性別", "choice", "female\nmale\nother\nunknown" },
  { "age_at_recruitment", "Age at recruitment", "勧誘時の年齢", "integer", "" },
  { "year_of_entry", "Year of entry", "入国年", "integer", "" },
  { "record_source", "Record source", "記録の出所", "choice", "interview\nNGO\nembassy\ncourt" },
  { "interviewed_on", "Interviewed on", "聞き取り日", "date", "" },
};

/* ---------------------------------------------------------------------------------------------
 * Narratives and codings.
 */

static const char *const kinds[] = {
  "interview", "ngo-record", "embassy-record", "court-document",
};
static const char *const kind_titles_en[] = {
  "Interview", "NGO case record", "Embassy record", "Court document",
};
static const char *const kind_titles_ja[] = {
  "聞き取り記録", "支援団体の記録", "大使館の記録", "裁判資料",
};

static const char *const coding_memos[] = {
  "Check with the second coder.", "Hearsay? The broker is quoted second-hand.",
  "Translated quote; see the original.", "曖昧：もう一人のコーダーと確認する。",
  "通訳を介した発言。", "日付が他の記録と合わない。",
};

typedef struct
{
  ShirabeProject *project;
  Rng             rng;
  gint64          clock;      /* the synthetic study's time, advanced row by row */
  char            now[21];
  char            uuid[37];

  sqlite3_stmt   *insert_case;
  sqlite3_stmt   *insert_value;
  sqlite3_stmt   *insert_narrative;
  sqlite3_stmt   *insert_coding;

  GArray         *coder_ids;      /* gint64 */
  GArray         *codable_ids;    /* gint64 */
  gint64          attr_ids[N_ATTRS];

  ShirabeFtsBuilder *fts;         /* indexing beside, or NULL: indexed in place after */
} Generator;

/* Moves the synthetic clock forward by 1 to @max_step seconds and formats it into gen->now. */
static const char *
tick (Generator *gen,
      guint      max_step)
{
  gen->clock += 1 + rng_below (&gen->rng, max_step);
  format_timestamp (gen->clock, gen->now);
  return gen->now;
}

static const char *
next_uuid (Generator *gen)
{
  rng_uuid (&gen->rng, gen->uuid);
  return gen->uuid;
}

static gboolean
insert_coders (Generator  *gen,
               guint       n_coders,
               GError    **error)
{
  sqlite3_stmt *stmt;

  stmt = shirabe_project_prepare (gen->project,
                                  "INSERT INTO coder (uuid, name, created_at) VALUES (?1, ?2, ?3)",
                                  error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < n_coders; i++)
    {
      char name[32];
      gint64 id;

      g_snprintf (name, sizeof name, "coder%u", i + 1);
      shirabe_bind_text (stmt, 1, next_uuid (gen));
      shirabe_bind_text (stmt, 2, name);
      shirabe_bind_text (stmt, 3, tick (gen, 600));
      if (!shirabe_project_step_done (gen->project, stmt, error))
        return FALSE;
      id = sqlite3_last_insert_rowid (shirabe_project_get_db (gen->project));
      g_array_append_val (gen->coder_ids, id);
    }
  return TRUE;
}

static gboolean
insert_attributes (Generator  *gen,
                   GError    **error)
{
  sqlite3_stmt *stmt;

  stmt = shirabe_project_prepare (gen->project,
                                  "INSERT INTO attribute (uuid, scope, name_en, name_ja,"
                                  " description_en, description_ja, var_name, type, choices,"
                                  " position, created_at)"
                                  " VALUES (?1, 'case', ?2, ?3, '', '', ?4, ?5, ?6, ?7, ?8)",
                                  error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < N_ATTRS; i++)
    {
      shirabe_bind_text (stmt, 1, next_uuid (gen));
      shirabe_bind_text (stmt, 2, attr_defs[i].name_en);
      shirabe_bind_text (stmt, 3, attr_defs[i].name_ja);
      shirabe_bind_text (stmt, 4, attr_defs[i].var_name);
      shirabe_bind_text (stmt, 5, attr_defs[i].type);
      shirabe_bind_text (stmt, 6, attr_defs[i].choices);
      sqlite3_bind_int (stmt, 7, (int) i);
      shirabe_bind_text (stmt, 8, tick (gen, 600));
      if (!shirabe_project_step_done (gen->project, stmt, error))
        return FALSE;
      gen->attr_ids[i] = sqlite3_last_insert_rowid (shirabe_project_get_db (gen->project));
    }
  return TRUE;
}

/* Mixes @hex ("#RRGGBB") with white by @amount (0: unchanged, 1: white). */
static char *
lighten (const char *hex,
         double      amount)
{
  guint rgb = (guint) g_ascii_strtoull (hex + 1, NULL, 16);
  guint channels[3] = { (rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF };

  for (guint i = 0; i < 3; i++)
    channels[i] = (guint) (channels[i] + (255 - channels[i]) * amount + 0.5);
  return g_strdup_printf ("#%02X%02X%02X", channels[0], channels[1], channels[2]);
}

static void
gen_code_clear (gpointer data)
{
  GenCode *code = data;

  g_free (code->var_name);
  g_free (code->label_en);
  g_free (code->label_ja);
  g_free (code->color);
}

static gboolean
insert_code (Generator   *gen,
             GenCode     *code,
             gint64       parent_id,
             guint        position,
             gboolean     codable,
             const char  *description_en,
             const char  *description_ja,
             GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = shirabe_project_prepare (gen->project,
                                  "INSERT INTO code (uuid, parent_id, label_en, label_ja,"
                                  " description_en, description_ja, color, var_name, codable,"
                                  " position, created_at)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                                  error);
  if (stmt == NULL)
    return FALSE;
  shirabe_bind_text (stmt, 1, next_uuid (gen));
  if (parent_id != 0)
    sqlite3_bind_int64 (stmt, 2, parent_id);
  shirabe_bind_text (stmt, 3, code->label_en);
  shirabe_bind_text (stmt, 4, code->label_ja);
  shirabe_bind_text (stmt, 5, description_en);
  shirabe_bind_text (stmt, 6, description_ja);
  shirabe_bind_text (stmt, 7, code->color);
  shirabe_bind_text (stmt, 8, code->var_name);
  sqlite3_bind_int (stmt, 9, codable ? 1 : 0);
  sqlite3_bind_int (stmt, 10, (int) position);
  shirabe_bind_text (stmt, 11, tick (gen, 120));
  if (!shirabe_project_step_done (gen->project, stmt, error))
    return FALSE;
  code->id = sqlite3_last_insert_rowid (shirabe_project_get_db (gen->project));
  if (codable)
    g_array_append_val (gen->codable_ids, code->id);
  return TRUE;
}

/* A variable name of the pattern asked for, or a plain numbered one when the pattern would be
 * longer than statistics packages accept. Names of either kind cannot collide. */
static char *
make_var_name (char  *name,
               guint  index)
{
  if (strlen (name) <= VAR_NAME_MAX)
    return name;
  g_free (name);
  return g_strdup_printf ("code_%u", index + 1);
}

/*
 * Builds a tree three levels deep from @n_codes: up to five top categories, a quarter of the
 * rest as their children and the remainder as grandchildren, dealt out in turn so that the
 * branches are of similar size. Categories that have children are pure categories (not
 * codable) for every other top, as real schemes mix both habits.
 */
static gboolean
insert_code_tree (Generator  *gen,
                  guint       n_codes,
                  GError    **error)
{
  g_autoptr(GArray) codes = g_array_sized_new (FALSE, TRUE, sizeof (GenCode), n_codes);
  guint n_top = CLAMP (n_codes / 12, 1, G_N_ELEMENTS (top_defs));
  guint n_rest = n_codes - n_top;
  guint n_mid = MAX (n_rest / 4, MIN (n_rest, n_top));
  guint n_leaf = n_rest - n_mid;
  gboolean ok = TRUE;

  g_array_set_clear_func (codes, gen_code_clear);
  g_array_set_size (codes, n_codes);

  /* Decide the shape first: how many children each top and each middle code gets. */
  for (guint i = 0; i < n_mid; i++)
    g_array_index (codes, GenCode, i % n_top).n_children++;
  for (guint i = 0; i < n_leaf; i++)
    g_array_index (codes, GenCode, n_top + i % n_mid).n_children++;

  for (guint i = 0; ok && i < n_top; i++)
    {
      GenCode *code = &g_array_index (codes, GenCode, i);
      const TopDef *def = &top_defs[i];

      code->top = i;
      code->var_name = g_strdup (def->var_name);
      code->label_en = g_strdup (def->label_en);
      code->label_ja = g_strdup (def->label_ja);
      code->color = g_strdup (def->color);
      ok = insert_code (gen, code, 0, i, code->n_children == 0 || i % 2 == 1,
                        def->description_en, def->description_ja, error);
    }

  for (guint i = 0; ok && i < n_mid; i++)
    {
      GenCode *code = &g_array_index (codes, GenCode, n_top + i);
      const GenCode *parent = &g_array_index (codes, GenCode, i % n_top);
      const TopDef *def = &top_defs[parent->top];
      guint position = i / n_top;
      const ChildDef *child = &def->children[position % def->n_children];
      guint round = position / def->n_children;
      g_autofree char *description_en = NULL;
      g_autofree char *description_ja = NULL;

      code->top = parent->top;
      code->var_name = make_var_name (round == 0
                                        ? g_strdup_printf ("%s_%s", def->var_name, child->slug)
                                        : g_strdup_printf ("%s_%s%u", def->var_name,
                                                           child->slug, round + 1),
                                      n_top + i);
      code->label_en = round == 0 ? g_strdup (child->label_en)
                                  : g_strdup_printf ("%s %u", child->label_en, round + 1);
      code->label_ja = round == 0 ? g_strdup (child->label_ja)
                                  : g_strdup_printf ("%s %u", child->label_ja, round + 1);
      code->color = lighten (parent->color, 0.1 + 0.3 * rng_unit (&gen->rng));
      description_en = g_strdup_printf ("Passages that describe “%s”. Apply to the shortest "
                                        "passage that shows it; not to hearsay about other "
                                        "people.", code->label_en);
      description_ja = g_strdup_printf ("「%s」を述べている箇所。それが分かる最短の範囲に付け、"
                                        "他人についての伝聞には付けない。", code->label_ja);
      ok = insert_code (gen, code, parent->id, position, TRUE, description_en, description_ja,
                        error);
    }

  for (guint i = 0; ok && i < n_leaf; i++)
    {
      GenCode *code = &g_array_index (codes, GenCode, n_top + n_mid + i);
      const GenCode *parent = &g_array_index (codes, GenCode, n_top + i % n_mid);
      guint position = i / n_mid;
      const TopDef *def = &top_defs[parent->top];
      const Qualifier *qualifier = &def->qualifiers[position % def->n_qualifiers];
      guint round = position / def->n_qualifiers;
      g_autofree char *description_en = NULL;
      g_autofree char *description_ja = NULL;

      code->top = parent->top;
      code->var_name = make_var_name (g_strdup_printf ("%s_%u", parent->var_name, position + 1),
                                      n_top + n_mid + i);
      /* Siblings keep distinct labels even when the qualifiers run out. */
      code->label_en = round == 0
                         ? g_strdup_printf ("%s: %s", parent->label_en, qualifier->en)
                         : g_strdup_printf ("%s: %s %u", parent->label_en, qualifier->en,
                                            round + 1);
      code->label_ja = round == 0
                         ? g_strdup_printf ("%s（%s）", parent->label_ja, qualifier->ja)
                         : g_strdup_printf ("%s（%s %u）", parent->label_ja, qualifier->ja,
                                            round + 1);
      code->color = lighten (parent->color, 0.2 + 0.3 * rng_unit (&gen->rng));
      description_en = g_strdup_printf ("“%s”, where the narrative says so: %s.",
                                        parent->label_en, qualifier->en);
      description_ja = g_strdup_printf ("「%s」のうち、%sのもの。", parent->label_ja,
                                        qualifier->ja);
      ok = insert_code (gen, code, parent->id, position, TRUE, description_en, description_ja,
                        error);
    }

  return ok;
}

static gboolean
set_case_value (Generator  *gen,
                gint64      case_id,
                AttrId      attr,
                const char *text,
                gint64      number,
                GError    **error)
{
  sqlite3_stmt *stmt = gen->insert_value;

  sqlite3_bind_int64 (stmt, 1, gen->attr_ids[attr]);
  sqlite3_bind_int64 (stmt, 2, case_id);
  /* Integers are stored as integers, as shirabe_project_set_attribute_value does. */
  if (text != NULL)
    shirabe_bind_text (stmt, 3, text);
  else
    sqlite3_bind_int64 (stmt, 3, number);
  return shirabe_project_step_done (gen->project, stmt, error);
}

/* A case and values for most of its attributes (each is left unset now and then, as in real
 * records). */
static gint64
insert_case (Generator  *gen,
             guint       index,
             GError    **error)
{
  Rng *rng = &gen->rng;
  sqlite3_stmt *stmt = gen->insert_case;
  gint64 case_id;
  guint year_of_entry;
  guint interview_year;
  guint interview_month;
  char name[32];
  char date[16];
  const char *gender;
  guint roll;

  g_snprintf (name, sizeof name, "Case %05u", index + 1);
  shirabe_bind_text (stmt, 1, next_uuid (gen));
  shirabe_bind_text (stmt, 2, name);
  sqlite3_bind_int (stmt, 3, (int) index);
  shirabe_bind_text (stmt, 4, tick (gen, 3600));
  if (!shirabe_project_step_done (gen->project, stmt, error))
    return 0;
  case_id = sqlite3_last_insert_rowid (shirabe_project_get_db (gen->project));

  /* Draw every value whether or not it is stored, so that one attribute's gaps do not shift
   * the values of the others. */
  roll = rng_below (rng, 100);
  gender = roll < 70 ? genders[0] : roll < 95 ? genders[1] : roll < 97 ? genders[2] : genders[3];
  year_of_entry = 1995 + rng_below (rng, 29);
  /* MIN evaluates its arguments twice: draw before comparing. */
  interview_year = year_of_entry + rng_below (rng, 4);
  interview_year = MIN (interview_year, 2024);
  interview_month = 1 + rng_below (rng, 12);
  g_snprintf (date, sizeof date, "%04u-%02u-%02u", interview_year, interview_month,
              1 + rng_below (rng, 28));

  if ((rng_percent (rng, 90) &&
       !set_case_value (gen, case_id, ATTR_NATIONALITY,
                        nationalities[rng_below (rng, G_N_ELEMENTS (nationalities))], 0, error)) ||
      (rng_percent (rng, 95) && !set_case_value (gen, case_id, ATTR_GENDER, gender, 0, error)) ||
      (rng_percent (rng, 80) &&
       !set_case_value (gen, case_id, ATTR_AGE, NULL, 15 + rng_below (rng, 31), error)) ||
      (rng_percent (rng, 85) &&
       !set_case_value (gen, case_id, ATTR_YEAR_OF_ENTRY, NULL, year_of_entry, error)) ||
      (rng_percent (rng, 90) &&
       !set_case_value (gen, case_id, ATTR_RECORD_SOURCE,
                        record_sources[rng_below (rng, G_N_ELEMENTS (record_sources))], 0,
                        error)) ||
      (rng_percent (rng, 75) &&
       !set_case_value (gen, case_id, ATTR_INTERVIEWED_ON, date, 0, error)))
    return 0;
  return case_id;
}

/* A length between @min and @max drawn from a truncated 1/x (Pareto, alpha 1) distribution:
 * most narratives short, a few very long. With the defaults the median is about 4,000 code
 * points, the mean about 10,000 and one narrative in seventy is over 100,000. */
static guint
draw_length (Rng   *rng,
             guint  min,
             guint  max)
{
  double ratio = (double) min / max;
  double length = min / (1.0 - rng_unit (rng) * (1.0 - ratio));

  return (guint) CLAMP (length, min, max);
}

/* How many of @n_codings fall before @position out of @total code points, so that each
 * narrative gets a share proportional to its length and the shares add up exactly. */
static guint64
share_before (guint64 n_codings,
              guint64 position,
              guint64 total)
{
  guint64 product;

  if (position >= total)
    return n_codings;
  if (g_uint64_checked_mul (&product, n_codings, position))
    return product / total;
  return MIN ((guint64) ((double) n_codings * position / total), n_codings);
}

static gboolean
insert_codings (Generator  *gen,
                gint64      narrative_id,
                guint       length,
                guint64     n_codings,
                GError    **error)
{
  Rng *rng = &gen->rng;
  sqlite3_stmt *stmt = gen->insert_coding;

  sqlite3_bind_int64 (stmt, 2, narrative_id);
  for (guint64 i = 0; i < n_codings; i++)
    {
      double u = rng_unit (rng);
      /* Squaring skews the choice towards the first codes, as real schemes have favourites. */
      guint code_index = (guint) (u * u * gen->codable_ids->len);
      guint coder_index = rng_below (rng, gen->coder_ids->len);
      double v = rng_unit (rng);
      /* Cubing makes most passages short (the mean is about 100 code points). */
      guint span = CODING_MIN + (guint) (v * v * v * (CODING_MAX - CODING_MIN + 1));
      guint start;
      guint end;

      if (length <= CODING_MIN)
        {
          start = 0;
          end = length;
        }
      else
        {
          start = rng_below (rng, length - CODING_MIN + 1);
          end = MIN (start + span, length);
        }

      shirabe_bind_text (stmt, 1, next_uuid (gen));
      sqlite3_bind_int64 (stmt, 3, g_array_index (gen->codable_ids, gint64, code_index));
      sqlite3_bind_int64 (stmt, 4, g_array_index (gen->coder_ids, gint64, coder_index));
      sqlite3_bind_int (stmt, 5, (int) start);
      sqlite3_bind_int (stmt, 6, (int) end);
      shirabe_bind_text (stmt, 7, rng_percent (rng, 8)
                                    ? coding_memos[rng_below (rng, G_N_ELEMENTS (coding_memos))]
                                    : "");
      shirabe_bind_text (stmt, 8, tick (gen, 120));
      if (!shirabe_project_step_done (gen->project, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
project_is_empty (ShirabeProject  *project,
                  gboolean        *empty,
                  GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;
  gint64 found;

  stmt = shirabe_project_prepare (project,
                                  "SELECT EXISTS (SELECT 1 FROM cases)"
                                  " OR EXISTS (SELECT 1 FROM code)"
                                  " OR EXISTS (SELECT 1 FROM coder)"
                                  " OR EXISTS (SELECT 1 FROM attribute)",
                                  error);
  if (stmt == NULL)
    return FALSE;
  found = shirabe_project_query_id (project, stmt, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  *empty = found == 0;
  return TRUE;
}

static gboolean
generate (Generator                    *gen,
          const ShirabeGenerateOptions *options,
          guint                         min_length,
          guint                         max_length,
          GCancellable                 *cancellable,
          GError                      **error)
{
  g_autofree guint *lengths = g_new (guint, MAX (options->n_narratives, 1));
  g_autoptr(GString) text = NULL;
  ShirabeProject *project = gen->project;
  Lexicon lexicons[2];
  Writer writer = { NULL, 0, &gen->rng };
  guint64 total_length = 0;
  guint64 position = 0;
  gint64 case_id = 0;
  guint case_index = 0;
  guint case_left = 0;
  guint case_position = 0;
  gboolean ok = TRUE;

  if (!insert_coders (gen, options->n_coders ? options->n_coders : DEFAULT_N_CODERS, error) ||
      !insert_attributes (gen, error) ||
      !insert_code_tree (gen, options->n_codes ? options->n_codes : DEFAULT_N_CODES, error))
    return FALSE;

  /* Prepared once here, rather than looked up per row: the loop below runs 10^5 to 10^6 times. */
  gen->insert_case = shirabe_project_prepare (project,
                                              "INSERT INTO cases (uuid, name, position, created_at)"
                                              " VALUES (?1, ?2, ?3, ?4)",
                                              error);
  if (gen->insert_case == NULL)
    return FALSE;
  gen->insert_value = shirabe_project_prepare (project,
                                               "INSERT INTO attribute_value (attribute_id, case_id,"
                                               " value) VALUES (?1, ?2, ?3)",
                                               error);
  if (gen->insert_value == NULL)
    return FALSE;
  gen->insert_narrative = shirabe_project_prepare (project,
                                                   "INSERT INTO narrative (uuid, case_id, title,"
                                                   " language, kind, text, length, sha256, status,"
                                                   " position, created_at)"
                                                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
                                                   " ?10, ?11)",
                                                   error);
  if (gen->insert_narrative == NULL)
    return FALSE;
  gen->insert_coding = shirabe_project_prepare (project,
                                                "INSERT INTO coding (uuid, narrative_id, code_id,"
                                                " coder_id, start, end, memo, created_at)"
                                                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                                                error);
  if (gen->insert_coding == NULL)
    return FALSE;

  /* The lengths come first: each narrative's share of the codings depends on all of them. */
  for (guint i = 0; i < options->n_narratives; i++)
    {
      lengths[i] = draw_length (&gen->rng, min_length, max_length);
      total_length += lengths[i];
    }

  lexicon_init (&lexicons[0], FALSE);
  lexicon_init (&lexicons[1], TRUE);
  text = g_string_sized_new ((gsize) max_length * 3 + 64);
  writer.out = text;

  for (guint i = 0; ok && i < options->n_narratives; i++)
    {
      sqlite3_stmt *stmt = gen->insert_narrative;
      gboolean japanese = rng_percent (&gen->rng, 50);
      guint kind = rng_below (&gen->rng, G_N_ELEMENTS (kinds));
      g_autofree char *sha256 = NULL;
      char title[128];
      guint64 first_coding;
      gint64 narrative_id;

      if (i % CANCEL_CHECK_INTERVAL == 0 && g_cancellable_is_cancelled (cancellable))
        {
          g_set_error_literal (error, SHIRABE_ERROR, SHIRABE_ERROR_CANCELLED,
                               _("Generating the synthetic project was cancelled; nothing was "
                                 "added"));
          ok = FALSE;
          break;
        }

      if (case_left == 0)
        {
          case_id = insert_case (gen, case_index, error);
          if (case_id == 0)
            {
              ok = FALSE;
              break;
            }
          case_index++;
          case_left = 1 + rng_below (&gen->rng, 3);
          case_position = 0;
        }

      g_string_truncate (text, 0);
      writer.n_chars = 0;
      write_text (&writer, &lexicons[japanese ? 1 : 0], lengths[i]);
      sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) text->str,
                                            text->len);
      if (japanese)
        g_snprintf (title, sizeof title, "%s 事例%05u-%u", kind_titles_ja[kind], case_index,
                    case_position + 1);
      else
        g_snprintf (title, sizeof title, "%s, case %05u/%u", kind_titles_en[kind], case_index,
                    case_position + 1);

      shirabe_bind_text (stmt, 1, next_uuid (gen));
      sqlite3_bind_int64 (stmt, 2, case_id);
      shirabe_bind_text (stmt, 3, title);
      shirabe_bind_text (stmt, 4, japanese ? "ja" : "en");
      shirabe_bind_text (stmt, 5, kinds[kind]);
      sqlite3_bind_text64 (stmt, 6, text->str, text->len, SQLITE_STATIC, SQLITE_UTF8);
      sqlite3_bind_int64 (stmt, 7, (gint64) writer.n_chars);
      shirabe_bind_text (stmt, 8, sha256);
      sqlite3_bind_int (stmt, 9, (int) rng_below (&gen->rng, 3));
      sqlite3_bind_int (stmt, 10, (int) case_position);
      shirabe_bind_text (stmt, 11, tick (gen, 3600));
      ok = shirabe_project_step_done (project, stmt, error);
      if (!ok)
        break;
      narrative_id = sqlite3_last_insert_rowid (shirabe_project_get_db (project));
      /* The text was bound without a copy; the index's thread gets a copy of its own. */
      if (gen->fts != NULL &&
          !shirabe_fts_builder_push (gen->fts, narrative_id, title,
                                     g_memdup2 (text->str, text->len), text->len, error))
        {
          ok = FALSE;
          break;
        }
      case_left--;
      case_position++;

      first_coding = share_before (options->n_codings, position, total_length);
      position += lengths[i];
      ok = insert_codings (gen, narrative_id, lengths[i],
                           share_before (options->n_codings, position, total_length) - first_coding,
                           error);
    }

  /* The text was bound without a copy: drop the binding before the buffer goes. */
  sqlite3_clear_bindings (gen->insert_narrative);
  lexicon_clear (&lexicons[0]);
  lexicon_clear (&lexicons[1]);
  return ok;
}

/* Adds the time since *@mark to *@field (when not NULL), in seconds, and moves the mark on. */
static void
lap (gint64 *mark,
     double *field)
{
  gint64 now = g_get_monotonic_time ();

  if (field != NULL)
    *field += (now - *mark) / 1e6;
  *mark = now;
}

/* Drops @table's indexes (those with SQL: not a UNIQUE constraint's), keeping their SQL. */
static gboolean
set_aside_indexes (ShirabeProject  *project,
                   const char      *table,
                   GPtrArray      **indexes,
                   GError         **error)
{
  sqlite3 *db = shirabe_project_get_db (project);
  sqlite3_stmt *stmt;
  int rc;

  *indexes = g_ptr_array_new_with_free_func (g_free);
  rc = sqlite3_prepare_v2 (db, "SELECT name, sql FROM sqlite_schema WHERE type = 'index'"
                           " AND tbl_name = ?1 AND sql IS NOT NULL", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return shirabe_project_set_sqlite_error (project, rc, error);
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (*indexes, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (*indexes, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return shirabe_project_set_sqlite_error (project, rc, error);
  for (guint i = 0; i < (*indexes)->len; i += 2)
    {
      g_autofree char *drop = g_strdup_printf ("DROP INDEX \"%s\"",
                                               (char *) (*indexes)->pdata[i]);

      rc = sqlite3_exec (db, drop, NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        return shirabe_project_set_sqlite_error (project, rc, error);
    }
  return TRUE;
}

static gboolean
restore_indexes (ShirabeProject  *project,
                 GPtrArray       *indexes,
                 GError         **error)
{
  for (guint i = 0; i < indexes->len; i += 2)
    {
      int rc = sqlite3_exec (shirabe_project_get_db (project), indexes->pdata[i + 1], NULL, NULL,
                             NULL);

      if (rc != SQLITE_OK)
        return shirabe_project_set_sqlite_error (project, rc, error);
    }
  return TRUE;
}

/**
 * shirabe_project_generate:
 * @project: an empty project (no cases, codes, coders or attributes yet)
 * @options: sizes and the seed; zero fields take the defaults
 * @cancellable: (nullable): checked every hundred narratives
 *
 * Everything is written in one transaction and one undo step, "Generate synthetic data". With
 * an undo history that step holds the whole study in memory: for large sizes open the project
 * with %SHIRABE_PROJECT_NO_HISTORY. The same options give the same rows, UUIDs and timestamps
 * included, so two projects generated with one seed share their UUIDs: they are test data, not
 * projects to merge.
 *
 * Returns: %TRUE on success; %FALSE with @error set, the project left as it was
 */
gboolean
shirabe_project_generate (ShirabeProject               *project,
                          const ShirabeGenerateOptions *options,
                          GCancellable                 *cancellable,
                          GError                      **error)
{
  ShirabeGenerateTimings *timings;
  GPtrArray *indexes = NULL;
  gint64 cache_size;
  gint64 mark;
  Generator gen = { 0 };
  guint min_length;
  guint max_length;
  gboolean empty = FALSE;
  gboolean unjournaled;
  gboolean ok;

  g_return_val_if_fail (SHIRABE_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);

  min_length = options->min_length ? options->min_length : DEFAULT_MIN_LENGTH;
  max_length = options->max_length ? options->max_length : DEFAULT_MAX_LENGTH;
  if (min_length > max_length)
    {
      g_set_error (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The shortest narrative (%u characters) cannot be longer than "
                                "the longest (%u character)",
                                "The shortest narrative (%u characters) cannot be longer than "
                                "the longest (%u characters)",
                                max_length),
                   min_length, max_length);
      return FALSE;
    }
  if (options->n_codings > 0 && options->n_narratives == 0)
    {
      g_set_error_literal (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                           _("Codings need narratives: ask for at least one narrative"));
      return FALSE;
    }

  if (!project_is_empty (project, &empty, error))
    return FALSE;
  if (!empty)
    {
      g_set_error_literal (error, SHIRABE_ERROR, SHIRABE_ERROR_INVALID,
                           _("Synthetic data goes into an empty project, and this one already "
                             "has cases, codes, coders or attributes"));
      return FALSE;
    }

  if (g_cancellable_is_cancelled (cancellable))
    {
      g_set_error_literal (error, SHIRABE_ERROR, SHIRABE_ERROR_CANCELLED,
                           _("Generating the synthetic project was cancelled; nothing was added"));
      return FALSE;
    }

  timings = options->timings;
  gen.project = project;
  rng_seed (&gen.rng, options->seed);
  gen.clock = CLOCK_START + rng_below (&gen.rng, 30 * 86400);
  gen.coder_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gen.codable_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  /* One transaction of hundreds of megabytes: with SQLite's usual 2 MB of cache, its pages
   * would go out to the log and be read back over and over. Kept in memory up to 256 MB
   * while generating, then the usual again. */
  cache_size = shirabe_project_raise_cache (project, 262144);
  /* A new file that `shirabe-cli generate` builds under a temporary name: it is deleted unless
   * complete, so neither a journal nor the log is needed to keep it all or nothing, and
   * without them each page is written once instead of to the log and then the file. */
  unjournaled = shirabe_project_set_unjournaled (project, TRUE);
  if (unjournaled)
    {
      gen.fts = shirabe_fts_builder_start (error);
      if (gen.fts == NULL)
        {
          ok = FALSE;
          goto out;
        }
    }
  if (!shirabe_project_begin_edit (project, error))
    {
      ok = FALSE;
      goto out;
    }
  /* The codings' own indexes are made once they are all in: sorting once is far cheaper
   * than keeping them sorted through a million random inserts. */
  mark = g_get_monotonic_time ();
  ok = set_aside_indexes (project, "coding", &indexes, error) &&
       generate (&gen, options, min_length, max_length, cancellable, error);
  lap (&mark, timings != NULL ? &timings->rows : NULL);
  ok = ok && restore_indexes (project, indexes, error);
  lap (&mark, timings != NULL ? &timings->indexes : NULL);
  if (gen.fts != NULL)
    {
      /* Made beside the rows: what is left of it waited for, then copied in. */
      ok = shirabe_fts_builder_join (gen.fts, ok, ok ? error : NULL) &&
           shirabe_fts_builder_install (gen.fts, project, error);
      if (timings != NULL)
        timings->fulltext_cpu += shirabe_fts_builder_get_cpu (gen.fts);
    }
  else if (ok)
    {
      /* The narratives went in row by row, not through the core: their full-text index is
       * made at once, which is also faster than entry by entry. */
      sqlite3_stmt *rebuild = shirabe_project_prepare (
        project, "INSERT INTO narrative_fts (narrative_fts) VALUES ('rebuild')", error);

      ok = rebuild != NULL && shirabe_project_step_done (project, rebuild, error);
    }
  lap (&mark, timings != NULL ? &timings->fulltext : NULL);
  if (!shirabe_project_end_edit (project, ok, _("Generate synthetic data"), ok ? error : NULL))
    ok = FALSE;
  lap (&mark, timings != NULL ? &timings->commit : NULL);

out:
  g_clear_pointer (&gen.fts, shirabe_fts_builder_free);
  if (unjournaled)
    shirabe_project_set_unjournaled (project, FALSE);
  shirabe_project_restore_cache (project, cache_size);
  g_clear_pointer (&indexes, g_ptr_array_unref);
  g_array_unref (gen.coder_ids);
  g_array_unref (gen.codable_ids);
  return ok;
}
