/* test_fold.c — core/fold.c: search text is folded by Unicode's full case folding (NFC),
 * so letters of every script compare without case; bytes that are not UTF-8 never make it
 * fail. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "core/arena.h"
#include "core/fold.h"
#include "core/common.h"

static void folds_to(const char *in, const char *want)
{
    struct arena a;
    arena_init(&a, ARENA_DEFAULT_LIMIT);
    char *got = fold_text(&a, in);
    assert_non_null(got);
    assert_string_equal(got, want);
    arena_reset(&a);
}

static void fold_lowers_cyrillic_latin_and_greek(void **state)
{
    (void)state;
    folds_to("Иван", "иван");
    folds_to("ПОЧИНИТЬ Сервер", "починить сервер");
    folds_to("ЁЛКА", "ёлка");
    folds_to("Alpha CORP", "alpha corp");
    folds_to("ΣΊΣΥΦΟΣ", "σίσυφοσ");
}

static void fold_expands_sharp_s_and_final_sigma(void **state)
{
    (void)state;
    folds_to("Straße", "strasse");
    folds_to("STRAẞE", "strasse");
    folds_to("σίσυφος", "σίσυφοσ");
}

static void fold_composes_to_nfc(void **state)
{
    (void)state;
    folds_to("E\xcc\x81", "\xc3\xa9"); /* E + combining acute -> é */
}

static void fold_keeps_punctuation_and_empty_text(void **state)
{
    (void)state;
    folds_to("", "");
    folds_to("100% off_!", "100% off_!");
}

static void fold_turns_bytes_that_are_not_utf8_into_replacement_characters(void **state)
{
    (void)state;
    folds_to("AB\xff\xfe", "ab\xef\xbf\xbd\xef\xbf\xbd");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fold_lowers_cyrillic_latin_and_greek),
        cmocka_unit_test(fold_expands_sharp_s_and_final_sigma),
        cmocka_unit_test(fold_composes_to_nfc),
        cmocka_unit_test(fold_keeps_punctuation_and_empty_text),
        cmocka_unit_test(fold_turns_bytes_that_are_not_utf8_into_replacement_characters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
