dnl async_test: a test-only extension (like php-src's zend_test) that uses the async
dnl extension through its installed public header only, as a third-party backend would.

PHP_ARG_ENABLE([async-test],
  [whether to enable the async_test extension],
  [AS_HELP_STRING([--enable-async-test], [Enable the async_test extension (tests only)])],
  [no])

PHP_ARG_WITH([async-include],
  [where the installed async headers are],
  [AS_HELP_STRING([--with-async-include=DIR], [PHP include dir that holds ext/async/zend_async_API.h])],
  [no], [no])

if test "$PHP_ASYNC_TEST" != "no"; then
  if test "$PHP_ASYNC_INCLUDE" != "no"; then
    dnl Searched before PHP's own include dir, so a stale system copy of the header loses.
    PHP_ADD_INCLUDE([$PHP_ASYNC_INCLUDE], [1])
    async_header="$PHP_ASYNC_INCLUDE/ext/async/zend_async_API.h"
  else
    async_header="`$PHP_CONFIG --include-dir`/ext/async/zend_async_API.h"
  fi
  AC_MSG_CHECKING([for the installed async engine API header])
  if test -f "$async_header"; then
    AC_MSG_RESULT([$async_header])
  else
    AC_MSG_RESULT([no])
    AC_MSG_ERROR([ext/async/zend_async_API.h not found: run 'make install' in the async extension first])
  fi

  async_test_srcdir=PHP_EXT_SRCDIR(async_test)
  async_test_sources=""
  for file in `cd $async_test_srcdir && ls *.c`; do
    async_test_sources="$async_test_sources $file"
  done
  PHP_NEW_EXTENSION(async_test, $async_test_sources, $ext_shared,, [-Wall -Wextra -Wno-unused-parameter])
fi
