/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * Whether the process can map a C stack for every coroutine alive. A coroutine takes its context
 * when it first runs, long after spawn() returned, and a context is a mapping: once a process
 * reaches vm.max_map_count mappings or its RLIMIT_AS address space, every mmap fails, PHP's heap
 * included, which ends the process ("Out of memory"). So spawn() asks here first and refuses the
 * coroutine with an exception the spawner can catch when the coroutines alive could need more
 * contexts than the limits leave room for, with a reserve kept for the rest of the process.
 *
 * The look at the limits (/proc/self/maps, /proc/self/status) costs up to a few milliseconds at
 * tens of thousands of mappings, so its answer is kept as a number of contexts that fit
 * (admitted_up_to); spawn() looks again only when more coroutines are alive than that. The
 * number stays true while contexts come and go: each one the process maps or unmaps moves the
 * mappings in use by what the number counted for it.
 */
#include "scheduler.h"
#include <fcntl.h>
#include <unistd.h>
#include <sys/resource.h>

#define admitted_up_to ASYNC_G(scheduler.fiber_admitted_up_to)

/* Mappings and address space left for the rest of the process (PHP's heap grows by 2 MiB
 * mappings, malloc, libraries, ...). */
#define MAPS_RESERVE_MIN     256
#define MAPS_RESERVE_DIVISOR 16
#define SPACE_RESERVE_MIN    ((uint64_t) 64 << 20)
#define SPACE_RESERVE_DIVISOR 8

static uint64_t maps_reserve(uint64_t limit)
{
	return MAX(MAPS_RESERVE_MIN, limit / MAPS_RESERVE_DIVISOR);
}

static uint64_t space_reserve(uint64_t limit)
{
	return MAX(SPACE_RESERVE_MIN, limit / SPACE_RESERVE_DIVISOR);
}

/* The number of lines of a /proc file; false if it cannot be read. */
static bool count_proc_lines(const char *path, uint64_t *lines)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		return false;
	}
	char buffer[16384];
	ssize_t got;
	*lines = 0;
	while ((got = read(fd, buffer, sizeof(buffer))) > 0) {
		const char *end = buffer + got;
		for (const char *p = buffer; (p = memchr(p, '\n', end - p)) != NULL; p++) {
			(*lines)++;
		}
	}
	close(fd);
	return got == 0;
}

/* The number on the first line of a /proc file, or after `label` on the line that starts with it
 * (status files); false if there is none. */
static bool read_proc_number(const char *path, const char *label, uint64_t *number)
{
	FILE *file = fopen(path, "re");
	if (file == NULL) {
		return false;
	}
	char line[256];
	bool found = false;
	size_t label_length = label != NULL ? strlen(label) : 0;
	while (!found && fgets(line, sizeof(line), file) != NULL) {
		found = (label == NULL || strncmp(line, label, label_length) == 0)
			&& sscanf(line + label_length, "%" SCNu64, number) == 1;
		if (label == NULL) {
			break;
		}
	}
	fclose(file);
	return found;
}

/* Contexts the map count allows in all, or UINT64_MAX when it is not known. */
static uint64_t fit_by_maps(uint32_t contexts, uint32_t unmerged, uint64_t *limit, uint64_t *in_use)
{
	if (!read_proc_number("/proc/sys/vm/max_map_count", NULL, limit)) {
		return UINT64_MAX;
	}
	if (!count_proc_lines("/proc/self/maps", in_use)) {
		return UINT64_MAX;
	}
	uint64_t reserve = maps_reserve(*limit);
	uint64_t left = *limit > *in_use + reserve ? *limit - *in_use - reserve : 0;
	if (unmerged > 0 || !async_fiber_guard_regions()) {
		/* Each context is its stack and its guard page, mappings of their own. */
		return contexts + left / 2;
	}
	/* Contexts that Linux mapped side by side are one mapping, however many; unmapping some
	 * between others splits it. At worst every second one of N contexts is unmapped, which
	 * leaves N / 2 mappings: the count in use (those of the contexts included) may grow by that. */
	return 2 * left;
}

/* Contexts RLIMIT_AS allows in all, or UINT64_MAX when it has none. */
static uint64_t fit_by_address_space(uint32_t contexts, size_t stack_size, uint64_t *limit, uint64_t *in_use)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_AS, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY) {
		return UINT64_MAX;
	}
	*limit = rl.rlim_cur;
	uint64_t vm_kb;
	if (!read_proc_number("/proc/self/status", "VmSize:", &vm_kb)) {
		return UINT64_MAX;
	}
	*in_use = vm_kb * 1024;
	uint64_t reserve = space_reserve(*limit);
	uint64_t left = *limit > *in_use + reserve ? *limit - *in_use - reserve : 0;
	uint64_t per_context = ZEND_MM_ALIGNED_SIZE_EX(stack_size, 4096) + ZEND_FIBER_GUARD_PAGES * 4096;
	return contexts + left / per_context;
}

bool async_fiber_budget_admit(uint32_t alive, uint32_t contexts, uint32_t unmerged, size_t stack_size)
{
	if (EXPECTED(alive <= admitted_up_to)) {
		return true;
	}
	uint64_t map_limit = 0, maps_in_use = 0, space_limit = 0, space_in_use = 0;
	uint64_t by_maps = fit_by_maps(contexts, unmerged, &map_limit, &maps_in_use);
	uint64_t by_space = fit_by_address_space(contexts, stack_size, &space_limit, &space_in_use);
	admitted_up_to = MIN(by_maps, by_space);
	if (alive <= admitted_up_to) {
		return true;
	}
	if (by_maps <= by_space) {
		zend_async_throw(ZEND_ASYNC_EXCEPTION_DEFAULT,
			"Cannot spawn a coroutine: %u are alive, and their C stacks could take more memory mappings than the "
			"process may have (vm.max_map_count = %" PRIu64 ", %" PRIu64 " in use, %" PRIu64 " kept for the rest of the process); "
			"raise it (sysctl -w vm.max_map_count=262144) or let coroutines end first",
			alive - 1, map_limit, maps_in_use, maps_reserve(map_limit));
	} else {
		zend_async_throw(ZEND_ASYNC_EXCEPTION_DEFAULT,
			"Cannot spawn a coroutine: %u are alive, and their C stacks (%zu KiB each) could take more address space than the "
			"process may have (RLIMIT_AS = %" PRIu64 " MiB, %" PRIu64 " MiB in use, %" PRIu64 " MiB kept for the rest of the process); "
			"raise it (ulimit -v), lower async.fiber_stack_size or let coroutines end first",
			alive - 1, stack_size / 1024, space_limit >> 20, space_in_use >> 20, space_reserve(space_limit) >> 20);
	}
	return false;
}

void async_fiber_budget_forget(void)
{
	admitted_up_to = 0;
}
