/* currency.c — see currency.h.
 * Decision: the notes establish only that ids 1..10 exist and that 1 is the funnel default
 * (crm-notes §11.9); weeekd's catalogue is the Russian rouble first (Weeek's home market,
 * the notes' guess for id 1), then the world's most used currencies and the neighbours'.
 * Ids never change meaning: append, never reorder. */
#include "model/currency.h"
#include "core/common.h"

static const struct currency CURRENCIES[] = {
    {1, "Russian ruble", "RUB", "\u20bd"},  {2, "US dollar", "USD", "$"},
    {3, "Euro", "EUR", "\u20ac"},           {4, "Kazakhstani tenge", "KZT", "\u20b8"},
    {5, "Belarusian ruble", "BYN", "Br"},   {6, "Ukrainian hryvnia", "UAH", "\u20b4"},
    {7, "Pound sterling", "GBP", "\u00a3"}, {8, "Chinese yuan", "CNY", "\u00a5"},
    {9, "Turkish lira", "TRY", "\u20ba"},   {10, "Uzbekistani sum", "UZS", "so\u2018m"},
};

const struct currency *currency_all(size_t *n)
{
    *n = ARRAY_LEN(CURRENCIES);
    return CURRENCIES;
}

const struct currency *currency_find(int64_t id)
{
    if (id < 1 || id > (int64_t)ARRAY_LEN(CURRENCIES))
        return NULL;
    return &CURRENCIES[id - 1];
}
