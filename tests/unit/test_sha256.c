/* test_sha256.c — core/sha256.c against the FIPS 180-4 example vectors (NIST CSRC
 * "SHA256.pdf" and the one-million-'a' long message), plus incremental updates split at
 * every block boundary giving the same digest as one call. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>

#include "core/sha256.h"
#include "core/str.h"
#include "core/common.h"

static void hex_of(const void *data, size_t n, char out[2 * SHA256_LEN + 1])
{
    sha256_hex(data, n, out);
}

static void sha256_of_empty_string(void **state)
{
    (void)state;
    char hex[2 * SHA256_LEN + 1];
    hex_of("", 0, hex);
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void sha256_of_abc(void **state)
{
    (void)state;
    char hex[2 * SHA256_LEN + 1];
    hex_of("abc", 3, hex);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void sha256_of_448_bit_message(void **state)
{
    (void)state;
    static const char msg[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    char hex[2 * SHA256_LEN + 1];
    assert_int_equal(strlen(msg) * 8, 448);
    hex_of(msg, strlen(msg), hex);
    assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void sha256_of_896_bit_message(void **state)
{
    (void)state;
    static const char msg[] = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
                              "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
    char hex[2 * SHA256_LEN + 1];
    assert_int_equal(strlen(msg) * 8, 896);
    hex_of(msg, strlen(msg), hex);
    assert_string_equal(hex, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

static void sha256_of_one_million_a(void **state)
{
    (void)state;
    static const char want[] = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";
    char hex[2 * SHA256_LEN + 1];
    size_t n = 1000000;
    char *a = malloc(n);
    assert_non_null(a);
    memset(a, 'a', n);
    hex_of(a, n, hex);
    assert_string_equal(hex, want);
    free(a);

    /* the same message fed in 1000 updates of 1000 bytes */
    char chunk[1000];
    memset(chunk, 'a', sizeof(chunk));
    struct sha256 s;
    unsigned char d[SHA256_LEN];
    sha256_init(&s);
    for (int i = 0; i < 1000; i++)
        sha256_update(&s, chunk, sizeof(chunk));
    sha256_final(&s, d);
    hex_encode(d, SHA256_LEN, hex);
    assert_string_equal(hex, want);
}

static void sha256_incremental_matches_one_shot_at_every_split(void **state)
{
    (void)state;
    /* lengths around the 55/56-byte padding edge and the 64-byte block edge */
    unsigned char msg[200];
    for (size_t i = 0; i < sizeof(msg); i++)
        msg[i] = (unsigned char)(i * 7 + 3);
    static const size_t lens[] = {0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 200};
    for (size_t li = 0; li < ARRAY_LEN(lens); li++) {
        size_t n = lens[li];
        char want[2 * SHA256_LEN + 1], got[2 * SHA256_LEN + 1];
        hex_of(msg, n, want);
        for (size_t split = 0; split <= n; split++) {
            struct sha256 s;
            unsigned char d[SHA256_LEN];
            sha256_init(&s);
            sha256_update(&s, msg, split);
            sha256_update(&s, msg + split, n - split);
            sha256_final(&s, d);
            hex_encode(d, SHA256_LEN, got);
            if (strcmp(got, want) != 0)
                fail_msg("length %zu split at %zu: %s != %s", n, split, got, want);
        }
    }
}

static void sha256_known_lengths_at_padding_edges(void **state)
{
    (void)state;
    /* 55 and 56 'a's straddle the point where the length no longer fits the last block
     * (values from coreutils sha256sum) */
    char a[64];
    char hex[2 * SHA256_LEN + 1];
    memset(a, 'a', sizeof(a));
    hex_of(a, 55, hex);
    assert_string_equal(hex, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
    hex_of(a, 56, hex);
    assert_string_equal(hex, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
    hex_of(a, 64, hex);
    assert_string_equal(hex, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sha256_of_empty_string),
        cmocka_unit_test(sha256_of_abc),
        cmocka_unit_test(sha256_of_448_bit_message),
        cmocka_unit_test(sha256_of_896_bit_message),
        cmocka_unit_test(sha256_of_one_million_a),
        cmocka_unit_test(sha256_incremental_matches_one_shot_at_every_split),
        cmocka_unit_test(sha256_known_lengths_at_padding_edges),
    };
    return cmocka_run_group_tests_name("sha256", tests, NULL, NULL);
}
