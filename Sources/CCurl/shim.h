#ifndef CHIPWATCH_CCURL_SHIM_H
#define CHIPWATCH_CCURL_SHIM_H
// Typed wrappers for libcurl's variadic functions.
// Swift cannot call C variadic functions (curl_easy_setopt, curl_easy_getinfo,
// curl_multi_setopt), so each argument type gets one static inline wrapper.
#include <curl/curl.h>

typedef size_t (*cw_data_callback)(char *ptr, size_t size, size_t nmemb, void *userdata);
typedef curl_socket_t (*cw_opensocket_callback)(void *clientp, curlsocktype purpose,
                                                 struct curl_sockaddr *address);
typedef int (*cw_xferinfo_callback)(void *clientp, curl_off_t dltotal, curl_off_t dlnow,
                                    curl_off_t ultotal, curl_off_t ulnow);
typedef size_t (*cw_read_callback)(char *buffer, size_t size, size_t nitems, void *userdata);

// setopt for long-valued options (timeouts, flags, limits).
static inline CURLcode cw_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
// setopt for curl_off_t-valued options (*_LARGE sizes).
static inline CURLcode cw_setopt_off(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
// setopt for strings; libcurl copies them (since 7.17), so Swift strings may go away after.
static inline CURLcode cw_setopt_string(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
// setopt for opaque pointers (CURLOPT_*DATA, CURLOPT_PRIVATE, slists).
static inline CURLcode cw_setopt_pointer(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
// setopt for the write and header callbacks, which share one signature.
static inline CURLcode cw_setopt_data_callback(CURL *h, CURLoption o, cw_data_callback f) { return curl_easy_setopt(h, o, f); }
// setopt for CURLOPT_READFUNCTION (upload bodies such as SMTP messages).
static inline CURLcode cw_setopt_read_callback(CURL *h, cw_read_callback f) { return curl_easy_setopt(h, CURLOPT_READFUNCTION, f); }
// setopt for CURLOPT_OPENSOCKETFUNCTION: where the resolved address is checked before connecting.
static inline CURLcode cw_setopt_opensocket(CURL *h, cw_opensocket_callback f) { return curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, f); }
// setopt for CURLOPT_XFERINFOFUNCTION (progress, used to abort a transfer).
static inline CURLcode cw_setopt_xferinfo(CURL *h, cw_xferinfo_callback f) { return curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, f); }

// getinfo for long, string, curl_off_t and pointer results.
static inline CURLcode cw_getinfo_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode cw_getinfo_string(CURL *h, CURLINFO i, char **v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode cw_getinfo_off(CURL *h, CURLINFO i, curl_off_t *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode cw_getinfo_pointer(CURL *h, CURLINFO i, void **v) { return curl_easy_getinfo(h, i, v); }

// curl_multi_setopt for long-valued options.
static inline CURLMcode cw_multi_setopt_long(CURLM *m, CURLMoption o, long v) { return curl_multi_setopt(m, o, v); }

// CURL_SOCKET_BAD is a macro Swift may not import as a value.
static inline curl_socket_t cw_socket_bad(void) { return CURL_SOCKET_BAD; }

#endif
