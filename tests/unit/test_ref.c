/* test_ref.c — model/ref.c against a seeded SQLite store: which ids of one kind name an
 * object of the workspace, answered for all of them at once; another workspace's objects,
 * duplicates, huge ids and ids that are not uuids at all (quotes, backslashes, control
 * characters: the JSON array the ids travel in must stay well-formed). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "testlib.h"
#include "model/contact.h"
#include "model/organization.h"
#include "model/ref.h"
#include "model/tag.h"

struct fx {
    struct tl_store s;
    struct store *st;
    struct arena a;
    int64_t other_ws; /* a second workspace */
    char other_member[UUID_LEN + 1];
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    if (!f || tl_store_open_seeded(&f->s) ||
        tl_seed(f->s.pool, "Other", "bob@example.com", &f->other_ws, f->other_member, NULL))
        return -1;
    arena_init(&f->a, 0);
    f->st = store_acquire(f->s.pool);
    if (store_begin(f->st, TX_WRITE))
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    store_rollback(f->st);
    store_release(f->s.pool, f->st);
    arena_reset(&f->a);
    tl_store_close(&f->s);
    free(f);
    return 0;
}

static int64_t new_tag(struct fx *f, int64_t ws, const char *title)
{
    struct tag t = {.title = title, .color = "#000000"};
    assert_int_equal(tag_create(f->st, &f->a, ws, &t), RC_OK);
    return t.id;
}

static void tags_of_the_workspace_are_found_others_not(void **state)
{
    struct fx *f = *state;
    int64_t mine = new_tag(f, f->s.ws_id, "mine"), theirs = new_tag(f, f->other_ws, "theirs");
    const int64_t ids[] = {theirs, mine, 0, INT64_MAX, mine};
    bool found[5] = {true, false, true, true, false};
    assert_int_equal(ref_find(f->st, &f->a, f->s.ws_id, REF_TAG, ids, 5, found), RC_OK);
    assert_false(found[0]);
    assert_true(found[1]);
    assert_false(found[2]);
    assert_false(found[3]);
    assert_true(found[4]);
}

static void members_contacts_and_organizations_by_uuid(void **state)
{
    struct fx *f = *state;
    struct contact_input ci = {.first_name = "Ann"};
    struct organization_input oi = {.name = "Org"};
    const char *contact = NULL, *org = NULL;
    assert_int_equal(contact_create(f->st, &f->a, f->s.ws_id, f->s.member_id, &ci, &contact),
                     RC_OK);
    assert_int_equal(organization_create(f->st, &f->a, f->s.ws_id, f->s.member_id, &oi, &org),
                     RC_OK);
    const char *members[] = {f->other_member, f->s.member_id};
    bool found[2];
    assert_int_equal(ref_find(f->st, &f->a, f->s.ws_id, REF_MEMBER, members, 2, found), RC_OK);
    assert_false(found[0]);
    assert_true(found[1]);
    const char *contacts[] = {contact, org};
    assert_int_equal(ref_find(f->st, &f->a, f->s.ws_id, REF_CONTACT, contacts, 2, found), RC_OK);
    assert_true(found[0]);
    assert_false(found[1]);
    const char *orgs[] = {contact, org};
    assert_int_equal(ref_find(f->st, &f->a, f->s.ws_id, REF_ORGANIZATION, orgs, 2, found), RC_OK);
    assert_false(found[0]);
    assert_true(found[1]);
}

static void odd_text_is_simply_not_found(void **state)
{
    struct fx *f = *state;
    const char *ids[] = {"\"]", "a\\", "\x01\n", "", f->s.member_id};
    bool found[5];
    assert_int_equal(ref_find(f->st, &f->a, f->s.ws_id, REF_MEMBER, ids, 5, found), RC_OK);
    for (int i = 0; i < 4; i++)
        assert_false(found[i]);
    assert_true(found[4]);
}

static void no_ids_is_ok_and_touches_nothing(void **state)
{
    struct fx *f = *state;
    bool found[1] = {true};
    assert_int_equal(ref_find(f->st, &f->a, f->s.ws_id, REF_TAG, NULL, 0, found), RC_OK);
    assert_true(found[0]);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(tags_of_the_workspace_are_found_others_not),
        T(members_contacts_and_organizations_by_uuid),
        T(odd_text_is_simply_not_found),
        T(no_ids_is_ok_and_touches_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
