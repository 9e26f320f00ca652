/*
 * floor-relay: the least a WebSocket-to-TCP relay can do, in C, to measure what this machine
 * allows a relay (bench/floor/run.sh runs the bench with it in websockify's place).
 *
 * It does what the gateway's relay does on its hot path and nothing else: a process per
 * connection (forked, as websockify does, so no two sessions share a thread), blocking
 * sockets with TCP_NODELAY, reads of up to 1 MiB from either side, a desktop read sent as
 * binary frames of at most 64 KiB (headers and payloads in one writev), and the browser's
 * frames unmasked into one buffer that goes to the desktop in one write per read. No token, no
 * origin check, no limits, no logging: it is an instrument, not a product.
 *
 *   floor-relay 127.0.0.1:LISTEN_PORT 127.0.0.1:TARGET_PORT      (the arguments websockify takes)
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#define READ_MAX (1 << 20)
#define FRAME_MAX 65536
#define FRAMES_PER_READ (READ_MAX / FRAME_MAX)
#define REQUEST_MAX 8192

/* SHA-1 (FIPS 180-4), only for the handshake's Sec-WebSocket-Accept. */
static uint32_t rol(uint32_t x, int n) { return x << n | x >> (32 - n); }

static void sha1(const unsigned char *msg, size_t len, unsigned char out[20]) {
  uint32_t h[5] = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
  size_t padded = (len + 9 + 63) / 64 * 64;
  unsigned char *m = calloc(padded, 1);
  memcpy(m, msg, len);
  m[len] = 0x80;
  for (int i = 0; i < 8; i++) m[padded - 1 - i] = (uint64_t) len * 8 >> (8 * i);
  for (size_t block = 0; block < padded; block += 64) {
    uint32_t w[80];
    for (int t = 0; t < 16; t++) {
      const unsigned char *p = m + block + 4 * t;
      w[t] = (uint32_t) p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
    }
    for (int t = 16; t < 80; t++) w[t] = rol(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
    for (int t = 0; t < 80; t++) {
      uint32_t f, k;
      if (t < 20) { f = (b & c) | (~b & d); k = 0x5A827999; }
      else if (t < 40) { f = b ^ c ^ d; k = 0x6ED9EBA1; }
      else if (t < 60) { f = (b & c) | (b & d) | (c & d); k = 0x8F1BBCDC; }
      else { f = b ^ c ^ d; k = 0xCA62C1D6; }
      uint32_t next = rol(a, 5) + f + e + k + w[t];
      e = d; d = c; c = rol(b, 30); b = a; a = next;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e;
  }
  free(m);
  for (int i = 0; i < 20; i++) out[i] = h[i / 4] >> (24 - 8 * (i % 4));
}

static void base64(const unsigned char *in, size_t len, char *out) {
  static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (size_t i = 0; i < len; i += 3) {
    uint32_t v = in[i] << 16 | (i + 1 < len ? in[i + 1] << 8 : 0) | (i + 2 < len ? in[i + 2] : 0);
    *out++ = abc[v >> 18 & 63];
    *out++ = abc[v >> 12 & 63];
    *out++ = i + 1 < len ? abc[v >> 6 & 63] : '=';
    *out++ = i + 2 < len ? abc[v & 63] : '=';
  }
  *out = 0;
}

static int port_of(const char *address) {
  const char *colon = strrchr(address, ':');
  return atoi(colon ? colon + 1 : address);
}

static void no_delay(int fd) {
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

static int write_all(int fd, const void *data, size_t len) {
  const char *p = data;
  while (len) {
    ssize_t n = write(fd, p, len);
    if (n <= 0) return -1;
    p += n;
    len -= n;
  }
  return 0;
}

static int writev_all(int fd, struct iovec *iov, int count) {
  while (count) {
    ssize_t n = writev(fd, iov, count);
    if (n <= 0) return -1;
    while (count && (size_t) n >= iov->iov_len) { n -= iov->iov_len; iov++; count--; }
    if (count) { iov->iov_base = (char *) iov->iov_base + n; iov->iov_len -= n; }
  }
  return 0;
}

/* A server frame's header (final, unmasked); returns its length. */
static int frame_header(unsigned char *h, int opcode, size_t len) {
  h[0] = 0x80 | opcode;
  if (len <= 125) { h[1] = len; return 2; }
  if (len <= 0xFFFF) { h[1] = 126; h[2] = len >> 8; h[3] = len; return 4; }
  h[1] = 127;
  for (int i = 0; i < 8; i++) h[2 + i] = (uint64_t) len >> (56 - 8 * i);
  return 10;
}

static char up_in[2 * READ_MAX + REQUEST_MAX];
static char up_out[2 * READ_MAX];
static char down[READ_MAX];

/* Reads the upgrade request, answers it and dials the target; returns the target's socket. */
static int upgrade(int browser, int target_port, size_t *leftover) {
  size_t have = 0;
  char *end = NULL;
  while (!end) {
    if (have == REQUEST_MAX) return -1;
    ssize_t n = read(browser, up_in + have, REQUEST_MAX - have);
    if (n <= 0) return -1;
    have += n;
    up_in[have] = 0;
    end = strstr(up_in, "\r\n\r\n");
  }
  char *key = NULL;
  for (char *line = strstr(up_in, "\r\n") + 2; line < end; line = strstr(line, "\r\n") + 2) {
    if (!strncasecmp(line, "Sec-WebSocket-Key:", 18)) { key = line + 18 + strspn(line + 18, " "); break; }
  }
  size_t key_len = key ? strcspn(key, "\r\n") : 0;
  if (!key_len || key_len > 64) return -1;
  char joined[128];
  memcpy(joined, key, key_len);
  strcpy(joined + key_len, "258EAFA5-E914-47DA-95CA-C5AB0DC85B11");
  unsigned char digest[20];
  char accept[32];
  sha1((unsigned char *) joined, strlen(joined), digest);
  base64(digest, 20, accept);

  int desktop = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons(target_port),
                           .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
  if (connect(desktop, (struct sockaddr *) &to, sizeof to)) return -1;
  no_delay(desktop);
  char response[160];
  int len = snprintf(response, sizeof response, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                     "Connection: Upgrade\r\nSec-WebSocket-Accept: %s\r\n\r\n", accept);
  if (write_all(browser, response, len)) return -1;
  *leftover = have - (end + 4 - up_in);
  memmove(up_in, end + 4, *leftover);
  return desktop;
}

/* Desktop → browser: one read, sent as frames of at most 64 KiB by one writev. */
static int downstream(int desktop, int browser) {
  ssize_t n = read(desktop, down, READ_MAX);
  if (n <= 0) return -1;
  unsigned char headers[FRAMES_PER_READ][10];
  struct iovec iov[2 * FRAMES_PER_READ];
  int frames = 0;
  for (ssize_t off = 0; off < n; off += FRAME_MAX, frames++) {
    size_t len = n - off < FRAME_MAX ? (size_t) (n - off) : FRAME_MAX;
    iov[2 * frames].iov_base = headers[frames];
    iov[2 * frames].iov_len = frame_header(headers[frames], 2, len);
    iov[2 * frames + 1].iov_base = down + off;
    iov[2 * frames + 1].iov_len = len;
  }
  return writev_all(browser, iov, 2 * frames);
}

/* Copies len bytes from in to out, XORed with the 4-byte mask (a plain copy without one). */
static void unmask(const unsigned char *in, uint64_t len, const unsigned char *mask, unsigned char *out) {
  uint64_t i = 0;
  if (mask) {
    uint32_t key32;
    memcpy(&key32, mask, 4);
    uint64_t key64 = (uint64_t) key32 << 32 | key32;
    for (; i + 8 <= len; i += 8) {
      uint64_t v;
      memcpy(&v, in + i, 8);
      v ^= key64;
      memcpy(out + i, &v, 8);
    }
    for (; i < len; i++) out[i] = in[i] ^ mask[i & 3];
  } else {
    memmove(out, in, len);
  }
}

/*
 * Browser → desktop: every whole frame in the buffer; data payloads unmasked into one buffer
 * and written to the desktop at once; pings answered; a close frame answered and the end.
 */
static int upstream(int browser, int desktop, size_t *have) {
  size_t pos = 0, out = 0;
  for (;;) {
    unsigned char *f = (unsigned char *) up_in + pos;
    size_t avail = *have - pos;
    if (avail < 2) break;
    int opcode = f[0] & 15, masked = f[1] & 0x80;
    uint64_t len = f[1] & 127;
    size_t head = 2;
    if (len == 126) {
      if (avail < 4) break;
      len = f[2] << 8 | f[3];
      head = 4;
    } else if (len == 127) {
      if (avail < 10) break;
      len = 0;
      for (int i = 0; i < 8; i++) len = len << 8 | f[2 + i];
      head = 10;
    }
    if (len > READ_MAX) return -1;
    unsigned char *mask = f + head;
    if (masked) head += 4;
    if (avail < head + len) break;
    unsigned char *payload = f + head;
    if (opcode <= 2) {
      /* Data: unmasked straight into the buffer that goes to the desktop (one pass). */
      unmask(payload, len, masked ? mask : NULL, (unsigned char *) up_out + out);
      out += len;
    } else if (opcode == 9) {
      unmask(payload, len, masked ? mask : NULL, payload);
      unsigned char h[10];
      int n = frame_header(h, 10, len);
      if (write_all(browser, h, n) || write_all(browser, payload, len)) return -1;
    } else if (opcode == 8) {
      unsigned char close_frame[2] = {0x88, 0};
      write_all(browser, close_frame, 2);
      return -1;
    }
    pos += head + len;
  }
  if (out && write_all(desktop, up_out, out)) return -1;
  memmove(up_in, up_in + pos, *have - pos);
  *have -= pos;
  return 0;
}

static void serve(int browser, int target_port) {
  size_t have;
  int desktop = upgrade(browser, target_port, &have);
  if (desktop < 0 || upstream(browser, desktop, &have)) return;
  struct pollfd fds[2] = {{.fd = desktop, .events = POLLIN}, {.fd = browser, .events = POLLIN}};
  for (;;) {
    if (poll(fds, 2, -1) < 0) return;
    if ((fds[0].revents & (POLLIN | POLLHUP | POLLERR)) && downstream(desktop, browser)) return;
    if (fds[1].revents & (POLLIN | POLLHUP | POLLERR)) {
      ssize_t n = read(browser, up_in + have, READ_MAX);
      if (n <= 0) return;
      have += n;
      if (upstream(browser, desktop, &have)) return;
    }
  }
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: floor-relay 127.0.0.1:LISTEN_PORT 127.0.0.1:TARGET_PORT\n");
    return 2;
  }
  signal(SIGCHLD, SIG_IGN);
  signal(SIGPIPE, SIG_IGN);
  int listener = socket(AF_INET, SOCK_STREAM, 0), one = 1;
  setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  struct sockaddr_in at = {.sin_family = AF_INET, .sin_port = htons(port_of(argv[1])),
                           .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
  if (bind(listener, (struct sockaddr *) &at, sizeof at) || listen(listener, 1024)) {
    perror("floor-relay: listen");
    return 1;
  }
  int target_port = port_of(argv[2]);
  for (;;) {
    int browser = accept(listener, NULL, NULL);
    if (browser < 0) continue;
    if (fork() == 0) {
      close(listener);
      no_delay(browser);
      serve(browser, target_port);
      _exit(0);
    }
    close(browser);
  }
}
