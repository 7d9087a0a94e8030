/* test_crm_book.c — the CRM address book model (model/organization.c, contact.c,
 * crm_item.c) against a seeded SQLite store: the exists() checks the deals rely on,
 * workspace isolation, idempotent links, id reuse when a list is replaced, and the
 * ",a,b," filter parameters. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "testlib.h"
#include "model/contact.h"
#include "model/organization.h"

struct fx {
    struct tl_store s;
    struct store *st;
    struct arena a;
    int64_t other_ws; /* a second workspace */
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    if (!f || tl_store_open_seeded(&f->s) ||
        tl_seed(f->s.pool, "Other", "bob@example.com", &f->other_ws, NULL, NULL))
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

static const char *new_org(struct fx *f, const struct organization_input *in)
{
    const char *id = NULL;
    assert_int_equal(organization_create(f->st, &f->a, f->s.ws_id, f->s.member_id, in, &id), RC_OK);
    return id;
}

static const char *new_contact(struct fx *f, const char *first)
{
    struct contact_input in = {.first_name = first};
    const char *id = NULL;
    assert_int_equal(contact_create(f->st, &f->a, f->s.ws_id, f->s.member_id, &in, &id), RC_OK);
    return id;
}

static void test_exists_only_within_the_workspace(void **state)
{
    struct fx *f = *state;
    struct organization_input in = {.name = "Acme"};
    const char *org = new_org(f, &in), *contact = new_contact(f, "Ada");
    assert_int_equal(organization_exists(f->st, &f->a, f->s.ws_id, org), RC_OK);
    assert_int_equal(contact_exists(f->st, &f->a, f->s.ws_id, contact), RC_OK);
    assert_int_equal(organization_exists(f->st, &f->a, f->other_ws, org), RC_NOTFOUND);
    assert_int_equal(contact_exists(f->st, &f->a, f->other_ws, contact), RC_NOTFOUND);
    assert_int_equal(organization_exists(f->st, &f->a, f->s.ws_id, contact), RC_NOTFOUND);
    assert_int_equal(contact_exists(f->st, &f->a, f->s.ws_id, "not a uuid"), RC_NOTFOUND);
    assert_int_equal(organization_delete(f->st, f->s.ws_id, org), RC_OK);
    assert_int_equal(organization_exists(f->st, &f->a, f->s.ws_id, org), RC_NOTFOUND);
    assert_int_equal(organization_delete(f->st, f->s.ws_id, org), RC_NOTFOUND);
}

static void test_links_are_idempotent_and_seen_from_both_sides(void **state)
{
    struct fx *f = *state;
    struct organization_input in = {.name = "Acme"};
    const char *org = new_org(f, &in), *contact = new_contact(f, "Ada");
    for (int i = 0; i < 2; i++)
        assert_int_equal(organization_link_contact(f->st, f->s.ws_id, org, contact, true), RC_OK);
    struct organization o;
    struct contact c;
    assert_int_equal(organization_get(f->st, &f->a, f->s.ws_id, org, &o), RC_OK);
    assert_int_equal(o.ncontacts, 1);
    assert_string_equal(o.contacts[0], contact);
    assert_int_equal(contact_get(f->st, &f->a, f->s.ws_id, contact, &c), RC_OK);
    assert_int_equal(c.norganizations, 1);
    assert_string_equal(c.organizations[0], org);
    for (int i = 0; i < 2; i++)
        assert_int_equal(organization_link_contact(f->st, f->s.ws_id, org, contact, false), RC_OK);
    assert_int_equal(contact_get(f->st, &f->a, f->s.ws_id, contact, &c), RC_OK);
    assert_int_equal(c.norganizations, 0);
}

static void test_replacing_a_list_reuses_the_ids_of_values_sent_again(void **state)
{
    struct fx *f = *state;
    const char *first[] = {"a@x.io", "b@x.io", "a@x.io"};
    struct organization_input in = {.name = "Acme", .emails = {first, 3, true}};
    const char *org = new_org(f, &in);
    struct organization before, after;
    assert_int_equal(organization_get(f->st, &f->a, f->s.ws_id, org, &before), RC_OK);
    assert_int_equal(before.nemails, 3);
    const char *second[] = {"b@x.io", "c@x.io", "a@x.io", "a@x.io", "a@x.io"};
    struct organization_input up = {.emails = {second, 5, true}};
    assert_int_equal(organization_update(f->st, &f->a, f->s.ws_id, org, &up), RC_OK);
    assert_int_equal(organization_get(f->st, &f->a, f->s.ws_id, org, &after), RC_OK);
    assert_int_equal(after.nemails, 5);
    assert_string_equal(after.emails[0].id, before.emails[1].id); /* b kept its id */
    assert_string_equal(after.emails[2].id, before.emails[0].id); /* each a-id once */
    assert_string_equal(after.emails[3].id, before.emails[2].id);
    for (size_t i = 0; i < before.nemails; i++) {
        assert_string_not_equal(after.emails[1].id, before.emails[i].id); /* c is new */
        assert_string_not_equal(after.emails[4].id, before.emails[i].id); /* a third a */
    }
    for (size_t i = 0; i < 5; i++)
        assert_string_equal(after.emails[i].value, second[i]);
    assert_string_equal(after.name, "Acme"); /* a NULL name leaves it */
}

static void test_list_pages_with_has_more(void **state)
{
    struct fx *f = *state;
    for (int i = 0; i < 5; i++) {
        struct organization_input in = {.name = i % 2 ? "odd" : "even"};
        new_org(f, &in);
    }
    struct organization_filter fl = {.limit = 2, .offset = 0, .sort = CRM_SORT_NAME};
    struct organization *o;
    size_t n;
    bool more;
    assert_int_equal(organization_list(f->st, &f->a, f->s.ws_id, &fl, &o, &n, &more), RC_OK);
    assert_int_equal(n, 2);
    assert_true(more);
    assert_string_equal(o[0].name, "even");
    fl.offset = 4;
    assert_int_equal(organization_list(f->st, &f->a, f->s.ws_id, &fl, &o, &n, &more), RC_OK);
    assert_int_equal(n, 1);
    assert_false(more);
    assert_string_equal(o[0].name, "odd");
    assert_int_equal(organization_list(f->st, &f->a, f->other_ws, &fl, &o, &n, &more), RC_OK);
    assert_int_equal(n, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_exists_only_within_the_workspace, setup, teardown),
        cmocka_unit_test_setup_teardown(test_links_are_idempotent_and_seen_from_both_sides, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_replacing_a_list_reuses_the_ids_of_values_sent_again,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_list_pages_with_has_more, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
