/* SHA-256 (FIPS 180-4), to name the files an import read in the audit
 * trail; not for secrets. Portable C, and on x86-64 processors with the
 * SHA extensions their instructions: an import hashes every byte it
 * reads, and in C that was a fifth of a CSV import's time. */
#include <string.h>

#if defined(__x86_64__) && defined(__GNUC__)
#include <cpuid.h>
#include <immintrin.h>
#define UPF_SHA_NI 1
#endif

#include "internal.h"

int upf__sha256_portable;

static const uint32_t k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
	0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
	0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
	0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

static uint32_t rotr(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

static void compress_one(uint32_t state[8], const unsigned char *p)
{
	uint32_t w[64];
	for (int i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		       (uint32_t)p[4 * i + 2] << 8 | (uint32_t)p[4 * i + 3];
	for (int i = 16; i < 64; i++) {
		uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
		uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	/* The working variables in registers, passed on by assignment: an
	 * import hashes every byte it reads. */
	uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
	uint32_t e = state[4], f = state[5], g = state[6], x = state[7];
	for (int i = 0; i < 64; i++) {
		uint32_t t1 = x + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) +
			      ((e & f) ^ (~e & g)) + k[i] + w[i];
		uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) +
			      ((a & b) ^ (a & c) ^ (b & c));
		x = g;
		g = f;
		f = e;
		e = d + t1;
		d = c;
		c = b;
		b = a;
		a = t1 + t2;
	}
	state[0] += a;
	state[1] += b;
	state[2] += c;
	state[3] += d;
	state[4] += e;
	state[5] += f;
	state[6] += g;
	state[7] += x;
}

#ifdef UPF_SHA_NI
/* The state as the instructions take it: ABEF and CDGH, four rounds a
 * step, the message schedule four words at a time. */
__attribute__((target("sha,sse4.1,ssse3"))) static void
compress_ni(uint32_t state[8], const unsigned char *p, size_t blocks)
{
	const __m128i swap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
	__m128i dcba = _mm_loadu_si128((const __m128i *)state);
	__m128i hgfe = _mm_loadu_si128((const __m128i *)(state + 4));
	__m128i cdab = _mm_shuffle_epi32(dcba, 0xB1);
	__m128i efgh = _mm_shuffle_epi32(hgfe, 0x1B);
	__m128i abef = _mm_alignr_epi8(cdab, efgh, 8);
	__m128i cdgh = _mm_blend_epi16(efgh, cdab, 0xF0);
	for (; blocks; blocks--, p += 64) {
		__m128i m[4], abef0 = abef, cdgh0 = cdgh;
		for (int i = 0; i < 16; i++) {
			if (i < 4) {
				m[i] = _mm_shuffle_epi8(
					_mm_loadu_si128((const __m128i *)(p + 16 * i)), swap);
			} else {
				__m128i prev = m[(i + 3) % 4];
				__m128i t = _mm_add_epi32(_mm_sha256msg1_epu32(m[i % 4], m[(i + 1) % 4]),
							  _mm_alignr_epi8(prev, m[(i + 2) % 4], 4));
				m[i % 4] = _mm_sha256msg2_epu32(t, prev);
			}
			__m128i wk = _mm_add_epi32(m[i % 4],
						   _mm_loadu_si128((const __m128i *)(k + 4 * i)));
			cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk);
			abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(wk, 0x0E));
		}
		abef = _mm_add_epi32(abef, abef0);
		cdgh = _mm_add_epi32(cdgh, cdgh0);
	}
	__m128i feba = _mm_shuffle_epi32(abef, 0x1B);
	__m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
	_mm_storeu_si128((__m128i *)state, _mm_blend_epi16(feba, dchg, 0xF0));
	_mm_storeu_si128((__m128i *)(state + 4), _mm_alignr_epi8(dchg, feba, 8));
}

/* CPUID says: leaf 1, ECX bit 19 for SSE4.1; leaf 7, EBX bit 29 for the
 * SHA extensions. (Asked directly: clang's __builtin_cpu_supports does
 * not know "sha".) */
static int has_sha_ni(void)
{
	unsigned a, b, c, d;
	if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & (1u << 19)))
		return 0;
	return __get_cpuid_count(7, 0, &a, &b, &c, &d) && (b & (1u << 29));
}
#endif

static void compress(struct upf_sha256 *h, const unsigned char *p, size_t blocks)
{
#ifdef UPF_SHA_NI
	static int known = -1; /* any thread may be first: the same answer */
	int ni = __atomic_load_n(&known, __ATOMIC_RELAXED);
	if (ni < 0) {
		ni = has_sha_ni();
		__atomic_store_n(&known, ni, __ATOMIC_RELAXED);
	}
	if (ni && !upf__sha256_portable) {
		compress_ni(h->state, p, blocks);
		return;
	}
#endif
	for (; blocks; blocks--, p += 64)
		compress_one(h->state, p);
}

void upf__sha256_init(struct upf_sha256 *h)
{
	static const uint32_t init[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372,
					 0xa54ff53a, 0x510e527f, 0x9b05688c,
					 0x1f83d9ab, 0x5be0cd19};
	memcpy(h->state, init, sizeof init);
	h->bytes = 0;
	h->used = 0;
}

void upf__sha256_update(struct upf_sha256 *h, const void *data, size_t n)
{
	const unsigned char *p = data;
	h->bytes += n;
	if (h->used) {
		size_t take = 64 - h->used < n ? 64 - h->used : n;
		memcpy(h->block + h->used, p, take);
		h->used += take;
		p += take;
		n -= take;
		if (h->used < 64)
			return;
		compress(h, h->block, 1);
		h->used = 0;
	}
	/* Whole blocks straight from the data. */
	compress(h, p, n / 64);
	p += n / 64 * 64;
	n %= 64;
	memcpy(h->block, p, n);
	h->used = n;
}

void upf__sha256_hex(struct upf_sha256 *h, char out[65])
{
	uint64_t bits = (uint64_t)h->bytes * 8;
	unsigned char pad[72] = {0x80};
	size_t n = (h->used < 56 ? 56 : 120) - h->used;
	for (int i = 0; i < 8; i++)
		pad[n + (size_t)i] = (unsigned char)(bits >> (56 - 8 * i));
	upf__sha256_update(h, pad, n + 8);
	for (int i = 0; i < 8; i++)
		snprintf(out + 8 * i, 9, "%08x", (unsigned)h->state[i]);
}
