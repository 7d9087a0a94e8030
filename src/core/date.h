/* date.h — calendar dates as day numbers (days since 1970-01-01, proleptic Gregorian, UTC)
 * and the date formats the API reads and writes: Y-m-d, dd.mm.yyyy and ISO 8601 date-times.
 * Pure functions: no allocation, no time zone database, no locale. Parsers accept exactly
 * what they document, never read past len, and leave their outputs untouched on failure. */
#ifndef CORE_DATE_H
#define CORE_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The years the parsers accept: four digits, as PHP's checkdate() and Laravel's date_format
 * do for Y (year 0 is not a calendar year there). */
#define DATE_YEAR_MIN 1
#define DATE_YEAR_MAX 9999

#define DATE_SECONDS_PER_DAY 86400

/* Buffer sizes for the formatters, NUL included. */
#define DATE_YMD_SIZE     11 /* "2026-02-28" */
#define DATE_DMY_SIZE     11 /* "28.02.2026" */
#define DATE_ISO8601_SIZE 21 /* "2026-02-28T13:45:00Z" */

bool date_is_leap(int64_t year);
/* 28..31; 0 when month is not 1..12. */
int date_days_in_month(int64_t year, int month);
/* true when year/month/day name a real day with year in DATE_YEAR_MIN..DATE_YEAR_MAX. */
bool date_valid(int64_t year, int month, int day);

/* Day number of a civil date. The date must be valid (date_valid); any year of the
 * proleptic Gregorian calendar works. */
int64_t date_from_civil(int64_t year, int month, int day);
/* Civil date of a day number; any day number of int32 range or so works. */
void date_to_civil(int64_t day, int64_t *year, int *month, int *day_of_month);

/* Split Unix milliseconds into the UTC day number and the second of that day (0..86399);
 * negative times floor towards the past. Either output may be NULL. */
void date_from_unix_ms(int64_t ms, int64_t *day, int64_t *sec);

/* "YYYY-MM-DD": exactly 10 bytes, zero-padded, a real date. 0 and *day set, or -1. */
int date_parse_ymd(const char *s, size_t len, int64_t *day);
/* "dd.mm.yyyy": exactly 10 bytes, zero-padded, a real date. 0 and *day set, or -1. */
int date_parse_dmy(const char *s, size_t len, int64_t *day);
/* ISO 8601 date-time, converted to UTC:
 *   YYYY-MM-DD ('T' | 't' | ' ') HH:MM [:SS [('.' | ',') 1..9 digits]] [zone]
 *   zone = 'Z' | 'z' | ('+' | '-') HH [:] MM      (no zone means UTC)
 * Hours 00..23, minutes and seconds 00..59 (no leap second), offsets up to ±23:59. The
 * fraction is accepted and dropped (truncated to the second). A date alone is -1: use
 * date_parse_ymd for that. 0 with *day and *sec (0..86399, UTC) set, or -1. */
int date_parse_iso8601(const char *s, size_t len, int64_t *day, int64_t *sec);

/* Formatters; a day outside years 1..9999 is printed with however many digits it needs and
 * truncated to the buffer. */
void date_format_ymd(int64_t day, char out[DATE_YMD_SIZE]);
void date_format_dmy(int64_t day, char out[DATE_DMY_SIZE]);
/* "YYYY-MM-DDTHH:MM:SSZ" of day and second of day (0..86399). */
void date_format_iso8601(int64_t day, int64_t sec, char out[DATE_ISO8601_SIZE]);

#endif
