/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * The PostgreSQL connection a guarded call works on (library_guard.c), so that one coroutine uses a
 * connection at a time: libpq would otherwise let a second caller read the first one's answer
 * (PQexec, and ext/pgsql before each query, first discard the results still pending, waiting for
 * them). ext/pgsql: the PgSql\Connection passed first; PDO: the PDO object of a pgsql driver,
 * itself or behind a PDOStatement (PDO's public driver API, ext/pdo/php_pdo_driver.h). Calls on
 * the default connection (no connection argument) are not covered.
 */
#include "hooks.h"
#include "library.h"
#include "ext/pdo/php_pdo_driver.h"

static zend_class_entry *pgsql_connection_ce;
static zend_class_entry *pdo_ce;
static zend_class_entry *pdo_statement_ce;

void async_pgsql_connection_classes_install(void)
{
	pgsql_connection_ce = zend_hash_str_find_ptr(CG(class_table), ZEND_STRL("pgsql\\connection"));
	pdo_ce = zend_hash_str_find_ptr(CG(class_table), ZEND_STRL("pdo"));
	pdo_statement_ce = zend_hash_str_find_ptr(CG(class_table), ZEND_STRL("pdostatement"));
}

static bool is_pgsql_pdo(zend_object *object)
{
	const pdo_dbh_t *dbh = php_pdo_dbh_fetch_inner(object);
	return dbh != NULL && dbh->driver != NULL && strcmp(dbh->driver->driver_name, "pgsql") == 0;
}

zend_object *async_pgsql_connection_of_call(zend_execute_data *execute_data)
{
	if (Z_TYPE(EX(This)) == IS_OBJECT) {
		zend_object *self = Z_OBJ(EX(This));
		if (pdo_ce != NULL && instanceof_function(self->ce, pdo_ce)) {
			return is_pgsql_pdo(self) ? self : NULL;
		}
		if (pdo_statement_ce != NULL && instanceof_function(self->ce, pdo_statement_ce)) {
			const pdo_stmt_t *stmt = php_pdo_stmt_fetch_object(self);
			if (Z_TYPE(stmt->database_object_handle) == IS_OBJECT && is_pgsql_pdo(Z_OBJ(stmt->database_object_handle))) {
				return Z_OBJ(stmt->database_object_handle);
			}
		}
		return NULL;
	}
	if (pgsql_connection_ce != NULL && ZEND_NUM_ARGS() >= 1) {
		zval *first = ZEND_CALL_ARG(execute_data, 1);
		ZVAL_DEREF(first);
		if (Z_TYPE_P(first) == IS_OBJECT && Z_OBJCE_P(first) == pgsql_connection_ce) {
			return Z_OBJ_P(first);
		}
	}
	return NULL;
}
