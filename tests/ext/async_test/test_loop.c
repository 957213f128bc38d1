/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/* async_test: running the registered reactor from C, the way a consumer without a scheduler does. */
#include "async_test.h"
#include <time.h>

static uint64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t) ts.tv_sec * 1000u + (uint64_t) ts.tv_nsec / 1000000u;
}

bool async_test_run_until(const bool *done, zend_long max_ms)
{
	uint64_t deadline = now_ms() + (uint64_t) max_ms;
	while (!*done && !EG(exception)) {
		if (!ZEND_ASYNC_REACTOR_LOOP_ALIVE()) {
			/* Nothing counted is armed: one last non-blocking turn for close callbacks. */
			ZEND_ASYNC_REACTOR_EXECUTE(true);
			return *done;
		}
		if (now_ms() > deadline) {
			return false;
		}
		ZEND_ASYNC_REACTOR_EXECUTE(false);
	}
	return *done;
}
