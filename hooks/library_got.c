/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * GOT patching: a shared object calls an imported function through a slot of its global offset
 * table that the dynamic linker filled in; pointing that slot at another function redirects
 * every call the object makes to it, and only that object's calls. The object's dynamic
 * relocations name the slots: each JUMP_SLOT (a PLT call) or GLOB_DAT (an address taken, or a
 * call built with -fno-plt) relocation of an undefined symbol with the wanted name.
 *
 * Debian links with full RELRO (BIND_NOW): the slots are resolved at load time and then made
 * read-only, so a slot inside PT_GNU_RELRO is made writable for the write and read-only again.
 * The object is held open (dlopen RTLD_NOLOAD) while it is patched, so it cannot be unmapped
 * (PHP unloads curl.so, and with it libcurl, before our module shutdown when curl.so was loaded
 * after us) before its slots are put back.
 */
#include "php.h"
#include "library_got.h"

#if defined(__linux__) && (defined(__x86_64__) || defined(__aarch64__))
# define ASYNC_GOT_SUPPORTED 1
# include <dlfcn.h>
# include <elf.h>
# include <link.h>
# include <sys/mman.h>
# include <unistd.h>
# if defined(__x86_64__)
#  define GOT_RELOC_CALL R_X86_64_JUMP_SLOT
#  define GOT_RELOC_DATA R_X86_64_GLOB_DAT
# else
#  define GOT_RELOC_CALL R_AARCH64_JUMP_SLOT
#  define GOT_RELOC_DATA R_AARCH64_GLOB_DAT
# endif
#endif


struct async_got_patch_s {
	void *handle;             /* keeps the object loaded */
	uintptr_t relro_start, relro_end;
	HashTable saved;          /* slot address => what it held before (persistent) */
};

#ifdef ASYNC_GOT_SUPPORTED

typedef struct {
	const char *prefix;       /* by file name; or, when NULL, */
	uintptr_t address;        /* the object one of whose segments holds this address */
	struct dl_phdr_info info;
	bool found;
} object_search_t;

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash != NULL ? slash + 1 : path;
}

static int find_object(struct dl_phdr_info *info, size_t size, void *data)
{
	(void) size;
	object_search_t *search = data;
	if (search->prefix == NULL) {
		for (ElfW(Half) i = 0; i < info->dlpi_phnum; i++) {
			const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
			uintptr_t start = info->dlpi_addr + ph->p_vaddr;
			if (ph->p_type == PT_LOAD && search->address >= start && search->address < start + ph->p_memsz) {
				search->info = *info;
				search->found = true;
				return 1;
			}
		}
		return 0;
	}
	if (info->dlpi_name == NULL || info->dlpi_name[0] == '\0') {
		return 0;
	}
	if (strncmp(base_name(info->dlpi_name), search->prefix, strlen(search->prefix)) != 0) {
		return 0;
	}
	search->info = *info;
	search->found = true;
	return 1;
}

/* The dynamic linker may or may not have relocated the dynamic section's pointers in place
 * (glibc does on these targets, others do not): an address below the load base is relative. */
static uintptr_t dynamic_pointer(const struct dl_phdr_info *info, ElfW(Addr) value)
{
	return value < info->dlpi_addr ? info->dlpi_addr + value : value;
}

typedef struct {
	const ElfW(Sym) *symbols;
	const char *strings;
	const ElfW(Rela) *tables[2];
	size_t lengths[2];
} dynamic_info_t;

static bool read_dynamic(const struct dl_phdr_info *info, dynamic_info_t *dyn, async_got_patch_t *patch)
{
	const ElfW(Dyn) *entries = NULL;
	memset(dyn, 0, sizeof(*dyn));
	for (ElfW(Half) i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		if (ph->p_type == PT_DYNAMIC) {
			entries = (const ElfW(Dyn) *) (info->dlpi_addr + ph->p_vaddr);
		} else if (ph->p_type == PT_GNU_RELRO) {
			patch->relro_start = info->dlpi_addr + ph->p_vaddr;
			patch->relro_end = patch->relro_start + ph->p_memsz;
		}
	}
	if (entries == NULL) {
		return false;
	}
	bool plt_is_rela = true;
	for (const ElfW(Dyn) *d = entries; d->d_tag != DT_NULL; d++) {
		switch (d->d_tag) {
			case DT_SYMTAB: dyn->symbols = (const ElfW(Sym) *) dynamic_pointer(info, d->d_un.d_ptr); break;
			case DT_STRTAB: dyn->strings = (const char *) dynamic_pointer(info, d->d_un.d_ptr); break;
			case DT_JMPREL: dyn->tables[0] = (const ElfW(Rela) *) dynamic_pointer(info, d->d_un.d_ptr); break;
			case DT_PLTRELSZ: dyn->lengths[0] = d->d_un.d_val / sizeof(ElfW(Rela)); break;
			case DT_PLTREL: plt_is_rela = d->d_un.d_val == DT_RELA; break;
			case DT_RELA: dyn->tables[1] = (const ElfW(Rela) *) dynamic_pointer(info, d->d_un.d_ptr); break;
			case DT_RELASZ: dyn->lengths[1] = d->d_un.d_val / sizeof(ElfW(Rela)); break;
		}
	}
	return dyn->symbols != NULL && dyn->strings != NULL && plt_is_rela;
}

/* Writes a slot; one inside the RELRO range is read-only except for the write. */
static bool write_slot(const async_got_patch_t *patch, void **address, void *value)
{
	uintptr_t at = (uintptr_t) address;
	bool in_relro = at >= patch->relro_start && at + sizeof(void *) <= patch->relro_end;
	if (in_relro) {
		uintptr_t page_size = (uintptr_t) sysconf(_SC_PAGESIZE);
		uintptr_t page = at & ~(page_size - 1);
		size_t length = ((at + sizeof(void *) + page_size - 1) & ~(page_size - 1)) - page;
		if (mprotect((void *) page, length, PROT_READ | PROT_WRITE) != 0) {
			return false;
		}
		*address = value;
		mprotect((void *) page, length, PROT_READ);
		return true;
	}
	*address = value;
	return true;
}

static const async_got_redirect_t *wanted(const dynamic_info_t *dyn, const ElfW(Rela) *rel,
	const async_got_redirect_t *redirects, size_t count)
{
	unsigned long type = ELF64_R_TYPE(rel->r_info);
	if (type != GOT_RELOC_CALL && type != GOT_RELOC_DATA) {
		return NULL;
	}
	const ElfW(Sym) *symbol = &dyn->symbols[ELF64_R_SYM(rel->r_info)];
	if (symbol->st_shndx != SHN_UNDEF || symbol->st_name == 0) {
		return NULL; /* defined here: not an import */
	}
	const char *name = dyn->strings + symbol->st_name;
	for (size_t i = 0; i < count; i++) {
		if (strcmp(name, redirects[i].symbol) == 0) {
			return &redirects[i];
		}
	}
	return NULL;
}

static async_got_patch_t *patch_found(const object_search_t *search, const async_got_redirect_t *redirects, size_t count);

async_got_patch_t *async_got_patch(const char *soname_prefix, const async_got_redirect_t *redirects, size_t count)
{
	object_search_t search = { .prefix = soname_prefix };
	dl_iterate_phdr(find_object, &search);
	return patch_found(&search, redirects, count);
}

async_got_patch_t *async_got_patch_object_of(const void *address, const async_got_redirect_t *redirects, size_t count)
{
	object_search_t search = { .address = (uintptr_t) address };
	dl_iterate_phdr(find_object, &search);
	return patch_found(&search, redirects, count);
}

static async_got_patch_t *patch_found(const object_search_t *found, const async_got_redirect_t *redirects, size_t count)
{
	object_search_t search = *found;
	if (!search.found) {
		return NULL;
	}
	async_got_patch_t *patch = pecalloc(1, sizeof(*patch), 1);
	dynamic_info_t dyn;
	if (!read_dynamic(&search.info, &dyn, patch)) {
		pefree(patch, 1);
		return NULL;
	}
	zend_hash_init(&patch->saved, 8, NULL, NULL, 1);
	for (int t = 0; t < 2; t++) {
		for (size_t r = 0; dyn.tables[t] != NULL && r < dyn.lengths[t]; r++) {
			const ElfW(Rela) *rel = &dyn.tables[t][r];
			const async_got_redirect_t *redirect = wanted(&dyn, rel, redirects, count);
			if (redirect == NULL) {
				continue;
			}
			void **address = (void **) (search.info.dlpi_addr + rel->r_offset);
			void *saved = *address;
			if (write_slot(patch, address, redirect->replacement)) {
				/* a slot named twice keeps what it held first */
				zend_hash_index_add_ptr(&patch->saved, (zend_ulong) (uintptr_t) address, saved);
			}
		}
	}
	if (zend_hash_num_elements(&patch->saved) == 0) {
		zend_hash_destroy(&patch->saved);
		pefree(patch, 1);
		return NULL;
	}
	/* The executable (no name) is never unloaded. */
	if (search.info.dlpi_name != NULL && search.info.dlpi_name[0] != '\0') {
		patch->handle = dlopen(search.info.dlpi_name, RTLD_NOW | RTLD_NOLOAD);
	}
	return patch;
}

void async_got_unpatch(async_got_patch_t *patch)
{
	if (patch == NULL) {
		return;
	}
	zend_ulong address;
	void *saved;
	ZEND_HASH_REVERSE_FOREACH_NUM_KEY_PTR(&patch->saved, address, saved) {
		write_slot(patch, (void **) (uintptr_t) address, saved);
	} ZEND_HASH_FOREACH_END();
	if (patch->handle != NULL) {
		dlclose(patch->handle);
	}
	zend_hash_destroy(&patch->saved);
	pefree(patch, 1);
}

#else /* not supported: nothing is patched */

async_got_patch_t *async_got_patch(const char *soname_prefix, const async_got_redirect_t *redirects, size_t count)
{
	(void) soname_prefix;
	(void) redirects;
	(void) count;
	return NULL;
}

async_got_patch_t *async_got_patch_object_of(const void *address, const async_got_redirect_t *redirects, size_t count)
{
	(void) address;
	(void) redirects;
	(void) count;
	return NULL;
}

void async_got_unpatch(async_got_patch_t *patch)
{
	(void) patch;
}

#endif
