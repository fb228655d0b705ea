/*
 * azscsp.h - the C ABI of the AzsCsp core.
 *
 * Shape (after SQLite and libgit2):
 *  - Opaque handles: a client (one signed-in context) and an operation (one running call).
 *  - Every function returns an azscsp_status; nothing is ever thrown across this boundary.
 *  - On failure, azscsp_last_error() returns a JSON description of the error for the calling thread.
 *  - Strings are UTF-8. Strings returned through char** are freed with azscsp_free(); the pointer
 *    from azscsp_last_error()/azscsp_version() is owned by the library.
 *  - Calls run on core threads. The caller polls operations for events (items, log lines,
 *    progress), so that it can write output, progress and logs on its own thread and cancel at any
 *    time. The library never calls back into the caller.
 *
 * Operation names and their JSON arguments and events are listed in native-shim/README.md.
 */
#ifndef AZSCSP_H
#define AZSCSP_H

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#if defined(AZSCSP_BUILDING_SHIM)
#define AZSCSP_API __declspec(dllexport)
#else
#define AZSCSP_API __declspec(dllimport)
#endif
#else
#define AZSCSP_API __attribute__((visibility("default")))
#endif

/* Bumped on any incompatible change of this header or of the JSON contracts. */
#define AZSCSP_ABI_VERSION 1

typedef enum azscsp_status {
  AZSCSP_OK = 0,      /* success; for poll: an event was returned */
  AZSCSP_PENDING = 1, /* poll: no event within the timeout; poll again */
  AZSCSP_DONE = 2,    /* poll: the operation finished and every event was read */

  AZSCSP_E_INVALID_ARGUMENT = 10,
  AZSCSP_E_AUTHENTICATION = 11,
  AZSCSP_E_NOT_FOUND = 12,
  AZSCSP_E_PERMISSION_DENIED = 13,
  AZSCSP_E_CONFLICT = 14,
  AZSCSP_E_THROTTLED = 15,
  AZSCSP_E_SERVICE = 16,
  AZSCSP_E_TRANSPORT = 17,
  AZSCSP_E_TLS = 18,
  AZSCSP_E_TIMEOUT = 19,
  AZSCSP_E_CANCELLED = 20,
  AZSCSP_E_INTERNAL = 21
} azscsp_status;

typedef struct azscsp_client azscsp_client;
typedef struct azscsp_operation azscsp_operation;

/* AZSCSP_ABI_VERSION of the loaded library; callers refuse a library with another value. */
AZSCSP_API int azscsp_abi_version(void);
/* Product version, e.g. "0.1.0". */
AZSCSP_API const char* azscsp_version(void);

/* Creates a client from options JSON (environment, credential, TLS, proxy, retry, timeouts).
 * Does no network I/O; start the "account.connect" operation to sign in. */
AZSCSP_API azscsp_status azscsp_client_open(const char* options_json, azscsp_client** out_client);
/* Cancels the client's running operations and frees it. NULL is ignored. */
AZSCSP_API void azscsp_client_close(azscsp_client* client);

/* Starts a named operation with JSON arguments; it runs on a core thread. */
AZSCSP_API azscsp_status azscsp_operation_start(azscsp_client* client, const char* operation_name,
                                                const char* arguments_json,
                                                azscsp_operation** out_operation);
/* Starts a batch of one named operation: each azscsp_batch_push() adds one set of arguments, run
 * with up to `concurrency` in parallel; each yields one "result" event carrying the pushed "tag". */
AZSCSP_API azscsp_status azscsp_batch_start(azscsp_client* client, const char* operation_name,
                                            int concurrency, azscsp_operation** out_operation);
AZSCSP_API azscsp_status azscsp_batch_push(azscsp_operation* operation, const char* tag,
                                           const char* arguments_json);
/* No more input: the batch finishes once every pushed item has a result. */
AZSCSP_API azscsp_status azscsp_batch_end_input(azscsp_operation* operation);

/* Waits up to timeout_ms for the next event. Returns AZSCSP_OK with *out_event_json set (free it
 * with azscsp_free), AZSCSP_PENDING, AZSCSP_DONE, or the error status that ended the operation
 * (details in azscsp_last_error()). */
AZSCSP_API azscsp_status azscsp_operation_poll(azscsp_operation* operation, int timeout_ms,
                                               char** out_event_json);
/* Requests cancellation; the request in flight is aborted. Poll until it ends. */
AZSCSP_API void azscsp_operation_cancel(azscsp_operation* operation);
/* Cancels if still running, waits for the core thread to stop, frees. NULL is ignored. */
AZSCSP_API void azscsp_operation_close(azscsp_operation* operation);

/* JSON of the last error on this thread:
 * {"status":13,"kind":"PermissionDenied","message":"...","code":"AuthorizationFailed",
 *  "httpStatus":403,"requestId":"...","correlationId":"...","target":"...","details":[...]}
 * Valid until the next azscsp_* call on this thread. Never NULL ("{}" when there is none). */
AZSCSP_API const char* azscsp_last_error(void);

/* Frees a string returned by this library. NULL is ignored. */
AZSCSP_API void azscsp_free(void* pointer);

#ifdef __cplusplus
}
#endif

#endif /* AZSCSP_H */
