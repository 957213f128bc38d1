/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * Parsing of the extension's INI values, shared by the layers that register settings. PHP's own
 * parsers accept anything ("banana" is 0, or false) and the settings here size pools and choose
 * backends, so a value that is not what the setting takes is refused with a warning naming it,
 * and the setting keeps its value (at startup: its default).
 */
#include "php.h"
#include "engine.h"

bool async_ini_parse_number(const zend_ini_entry *entry, zend_string *value, zend_long min, zend_long max,
	zend_long *number)
{
	zend_string *error = NULL;
	zend_long parsed = zend_ini_parse_quantity(value, &error);
	if (error != NULL || parsed < min || parsed > max) {
		zend_error(E_WARNING, "%s must be a whole number from " ZEND_LONG_FMT " to " ZEND_LONG_FMT
			" (K, M and G suffixes allowed), \"%s\" given: the setting is unchanged",
			ZSTR_VAL(entry->name), min, max, ZSTR_VAL(value));
		if (error != NULL) {
			zend_string_release(error);
		}
		return false;
	}
	*number = parsed;
	return true;
}

bool async_ini_parse_switch(const zend_ini_entry *entry, zend_string *value, bool *on)
{
	/* The INI file parser turns On/Yes/True into "1" and Off/No/False/None into ""; -d and
	 * ini_set() pass the word itself. */
	static const char *const words_on[] = {"1", "on", "yes", "true"};
	static const char *const words_off[] = {"", "0", "off", "no", "false", "none"};
	for (size_t i = 0; i < sizeof(words_on) / sizeof(words_on[0]); i++) {
		if (strcasecmp(ZSTR_VAL(value), words_on[i]) == 0) {
			*on = true;
			return true;
		}
	}
	for (size_t i = 0; i < sizeof(words_off) / sizeof(words_off[0]); i++) {
		if (strcasecmp(ZSTR_VAL(value), words_off[i]) == 0) {
			*on = false;
			return true;
		}
	}
	zend_error(E_WARNING, "%s must be On or Off (1 or 0), \"%s\" given: the setting is unchanged",
		ZSTR_VAL(entry->name), ZSTR_VAL(value));
	return false;
}
