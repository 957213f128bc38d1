dnl config.m4 for the async extension: TrueAsync engine API and runtime for stock PHP.

PHP_ARG_ENABLE([async],
  [whether to enable async support],
  [AS_HELP_STRING([--enable-async], [Enable TrueAsync engine API and libuv runtime])],
  [no])

if test "$PHP_ASYNC" != "no"; then
  AC_PATH_PROG(PKG_CONFIG, pkg-config, no)
  if test "$PKG_CONFIG" = "no"; then
    AC_MSG_ERROR([pkg-config not found: install it with 'apt-get install pkg-config'])
  fi

  AC_MSG_CHECKING([for libuv >= 1.44 via pkg-config])
  if $PKG_CONFIG --atleast-version=1.44 libuv; then
    LIBUV_CFLAGS=`$PKG_CONFIG --cflags libuv`
    LIBUV_LIBS=`$PKG_CONFIG --libs libuv`
    AC_MSG_RESULT([found `$PKG_CONFIG --modversion libuv`])
  else
    AC_MSG_RESULT([no])
    AC_MSG_ERROR([libuv 1.44 or newer was not found: install the Debian package libuv1-dev ('apt-get install libuv1-dev')])
  fi

  PHP_EVAL_INCLINE($LIBUV_CFLAGS)
  PHP_EVAL_LIBLINE($LIBUV_LIBS, ASYNC_SHARED_LIBADD)
  PHP_SUBST(ASYNC_SHARED_LIBADD)

  dnl Every .c file of each layer, so a new file needs no edit here.
  async_srcdir=PHP_EXT_SRCDIR(async)
  async_sources="async.c"
  for layer in engine reactor scheduler userland hooks; do
    for file in `cd $async_srcdir && ls $layer/*.c 2>/dev/null`; do
      async_sources="$async_sources $file"
    done
  done

  PHP_NEW_EXTENSION(async, $async_sources, $ext_shared,, [-Wall -Wextra -DZEND_ENABLE_STATIC_TSRMLS_CACHE=1])
  for layer in engine reactor scheduler userland hooks; do
    PHP_ADD_BUILD_DIR([$ext_builddir/$layer])
  done
  PHP_INSTALL_HEADERS([ext/async], [zend_async_API.h])
fi
