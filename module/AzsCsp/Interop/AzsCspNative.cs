// AzsCspNative.cs - the .NET side of the AzsCsp C ABI (native-shim/include/azscsp.h), compiled by
// AzsCsp.psm1 with Add-Type at import, plus the typed objects the cmdlets write.
//
// Rules kept here:
//  * the library is loaded with NativeLibrary.Load from an explicit path and its exports are bound
//    with NativeLibrary.GetExport; a library whose azscsp_abi_version() is not 1 is refused;
//  * strings cross the boundary as UTF-8; strings returned through char** are freed with azscsp_free;
//  * azscsp_last_error() is per thread, so it is read inside the same method as the failing call;
//  * secrets (client secret, certificate password, refresh token, password, access token) never become
//    managed strings: each is copied from its SecureString straight into an unmanaged UTF-8 buffer,
//    which is zeroed and freed once azscsp_client_open returns.
using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;
using System.Text.Json;

namespace AzsCsp
{
    /// <summary>azscsp_status.</summary>
    public enum NativeStatus
    {
        Ok = 0,
        Pending = 1,
        Done = 2,
        InvalidArgument = 10,
        Authentication = 11,
        NotFound = 12,
        PermissionDenied = 13,
        Conflict = 14,
        Throttled = 15,
        Service = 16,
        Transport = 17,
        Tls = 18,
        Timeout = 19,
        Cancelled = 20,
        Internal = 21
    }

    /// <summary>Thrown when the native library cannot be used (missing, unloadable, wrong ABI).</summary>
    public class NativeLibraryException : Exception
    {
        public NativeLibraryException(string reason, string path, string message, Exception inner = null)
            : base(message, inner)
        {
            Reason = reason;
            LibraryPath = path;
        }

        /// <summary>NotFound, LoadFailed, MissingExport or AbiMismatch.</summary>
        public string Reason { get; }
        public string LibraryPath { get; }
    }

    /// <summary>The exports of the native library, bound once per process.</summary>
    public static class Native
    {
        public const int ExpectedAbiVersion = 1;
        /// <summary>Bumped whenever this file changes shape, to detect a stale type in a long-lived session.</summary>
        public const int InteropVersion = 4;

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate int AbiVersionFn();
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate IntPtr VersionFn();
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate int ClientOpenFn(IntPtr optionsJson, out IntPtr client);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate void HandleFn(IntPtr handle);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate int OperationStartFn(IntPtr client, byte[] name, byte[] args, out IntPtr operation);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate int BatchStartFn(IntPtr client, byte[] name, int concurrency, out IntPtr operation);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate int BatchPushFn(IntPtr operation, byte[] tag, byte[] args);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate int BatchEndInputFn(IntPtr operation);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate int PollFn(IntPtr operation, int timeoutMs, out IntPtr eventJson);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate IntPtr LastErrorFn();

        internal static AbiVersionFn AbiVersion;
        internal static VersionFn VersionString;
        internal static ClientOpenFn ClientOpen;
        internal static HandleFn ClientClose;
        internal static OperationStartFn OperationStart;
        internal static BatchStartFn BatchStart;
        internal static BatchPushFn BatchPush;
        internal static BatchEndInputFn BatchEndInput;
        internal static PollFn OperationPoll;
        internal static HandleFn OperationCancel;
        internal static HandleFn OperationClose;
        internal static LastErrorFn LastError;
        internal static HandleFn Free;

        private static readonly object Gate = new object();
        private static IntPtr library;

        public static bool IsLoaded { get { return library != IntPtr.Zero; } }
        public static string LoadedPath { get; private set; }
        public static int LoadedAbiVersion { get; private set; }

        /// <summary>The platform's file name of the library: azscsp.dll, libazscsp.dylib or libazscsp.so.</summary>
        public static string DefaultLibraryFileName
        {
            get
            {
                if (OperatingSystem.IsWindows()) return "azscsp.dll";
                if (OperatingSystem.IsMacOS()) return "libazscsp.dylib";
                return "libazscsp.so";
            }
        }

        /// <summary>Product version reported by the library (azscsp_version()).</summary>
        public static string Version
        {
            get { return IsLoaded ? Utf8.FromPointer(VersionString()) : null; }
        }

        /// <summary>Loads the library once per process. Later calls keep the first library.</summary>
        public static void Load(string path)
        {
            lock (Gate)
            {
                if (IsLoaded) return;
                if (string.IsNullOrEmpty(path) || !File.Exists(path))
                {
                    throw new NativeLibraryException("NotFound", path,
                        string.Format("The AzsCsp native library was not found at '{0}'.", path));
                }
                IntPtr handle;
                try
                {
                    handle = NativeLibrary.Load(path);
                }
                catch (Exception e)
                {
                    throw new NativeLibraryException("LoadFailed", path,
                        string.Format("The AzsCsp native library '{0}' could not be loaded: {1}", path, e.Message), e);
                }
                try
                {
                    var abi = Bind<AbiVersionFn>(handle, path, "azscsp_abi_version");
                    int version = abi();
                    if (version != ExpectedAbiVersion)
                    {
                        throw new NativeLibraryException("AbiMismatch", path, string.Format(
                            "The AzsCsp native library '{0}' implements ABI version {1}, but this module needs ABI version {2}. " +
                            "Install the native library built with this module version (or point AZSCSP_NATIVE_LIBRARY at it).",
                            path, version, ExpectedAbiVersion));
                    }
                    VersionString = Bind<VersionFn>(handle, path, "azscsp_version");
                    ClientOpen = Bind<ClientOpenFn>(handle, path, "azscsp_client_open");
                    ClientClose = Bind<HandleFn>(handle, path, "azscsp_client_close");
                    OperationStart = Bind<OperationStartFn>(handle, path, "azscsp_operation_start");
                    BatchStart = Bind<BatchStartFn>(handle, path, "azscsp_batch_start");
                    BatchPush = Bind<BatchPushFn>(handle, path, "azscsp_batch_push");
                    BatchEndInput = Bind<BatchEndInputFn>(handle, path, "azscsp_batch_end_input");
                    OperationPoll = Bind<PollFn>(handle, path, "azscsp_operation_poll");
                    OperationCancel = Bind<HandleFn>(handle, path, "azscsp_operation_cancel");
                    OperationClose = Bind<HandleFn>(handle, path, "azscsp_operation_close");
                    LastError = Bind<LastErrorFn>(handle, path, "azscsp_last_error");
                    Free = Bind<HandleFn>(handle, path, "azscsp_free");
                    AbiVersion = abi;
                    LoadedAbiVersion = version;
                    LoadedPath = path;
                    library = handle;
                }
                catch
                {
                    NativeLibrary.Free(handle);
                    throw;
                }
            }
        }

        private static T Bind<T>(IntPtr handle, string path, string name) where T : Delegate
        {
            IntPtr address;
            if (!NativeLibrary.TryGetExport(handle, name, out address))
            {
                throw new NativeLibraryException("MissingExport", path, string.Format(
                    "The AzsCsp native library '{0}' does not export '{1}'; it is not a build of native-shim.", path, name));
            }
            return Marshal.GetDelegateForFunctionPointer<T>(address);
        }

        internal static void EnsureLoaded()
        {
            if (!IsLoaded) throw new InvalidOperationException("The AzsCsp native library is not loaded.");
        }

        /// <summary>Reads azscsp_last_error() for a failed call made on this thread.</summary>
        internal static NativeError ReadLastError(int status, string activity)
        {
            string json = null;
            try { json = Utf8.FromPointer(LastError()); } catch { }
            return NativeError.Parse(json, status, activity);
        }

        /// <summary>Copies a char* returned through char** and frees it with azscsp_free.</summary>
        internal static string TakeString(IntPtr pointer)
        {
            if (pointer == IntPtr.Zero) return null;
            try { return Utf8.FromPointer(pointer); }
            finally { Free(pointer); }
        }
    }

    /// <summary>
    /// Copies environment variables from .NET's view into the C runtime's environment, which the native
    /// core reads with getenv: on Linux and macOS, $env:X = ... in PowerShell does not reach getenv.
    /// </summary>
    public static class NativeEnvironment
    {
        [DllImport("libc", EntryPoint = "setenv", CharSet = CharSet.Ansi)] private static extern int setenv(string name, string value, int overwrite);
        [DllImport("libc", EntryPoint = "unsetenv", CharSet = CharSet.Ansi)] private static extern int unsetenv(string name);
        [DllImport("ucrtbase.dll", EntryPoint = "_wputenv_s", CharSet = CharSet.Unicode)] private static extern int wputenv_s(string name, string value);

        /// <summary>Returns the names that could not be synchronised.</summary>
        public static string[] Sync(string[] names)
        {
            var failed = new List<string>();
            foreach (var name in names ?? new string[0])
            {
                try
                {
                    string value = System.Environment.GetEnvironmentVariable(name);
                    if (OperatingSystem.IsWindows())
                    {
                        if (wputenv_s(name, value ?? "") != 0) failed.Add(name);
                    }
                    else if (value == null)
                    {
                        if (unsetenv(name) != 0) failed.Add(name);
                    }
                    else if (setenv(name, value, 1) != 0)
                    {
                        failed.Add(name);
                    }
                }
                catch (Exception)
                {
                    failed.Add(name);
                }
            }
            return failed.ToArray();
        }
    }

    internal static class Utf8
    {
        internal static byte[] ToNullTerminated(string value)
        {
            if (value == null) return null;
            int count = Encoding.UTF8.GetByteCount(value);
            var bytes = new byte[count + 1];
            Encoding.UTF8.GetBytes(value, 0, value.Length, bytes, 0);
            return bytes;
        }

        internal static string FromPointer(IntPtr pointer)
        {
            return pointer == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(pointer);
        }
    }

    /// <summary>One signed-in context: an azscsp_client and the operations started on it.</summary>
    public sealed class NativeClient : IDisposable
    {
        private readonly object gate = new object();
        private readonly List<NativeOperation> operations = new List<NativeOperation>();
        private IntPtr handle;

        private NativeClient(IntPtr handle) { this.handle = handle; }

        public bool IsClosed { get { lock (gate) { return handle == IntPtr.Zero; } } }

        internal IntPtr Handle
        {
            get
            {
                lock (gate)
                {
                    if (handle == IntPtr.Zero) throw new ObjectDisposedException("NativeClient", "The AzsCsp context was disconnected.");
                    return handle;
                }
            }
        }

        /// <summary>
        /// azscsp_client_open. optionsJson is the options document; if secret is not null, the JSON string
        /// token secretPlaceholder (which must appear exactly once, inside quotes) is replaced by the
        /// JSON-escaped secret in an unmanaged buffer that is zeroed right after the call.
        /// Returns null and sets error on failure.
        /// </summary>
        public static NativeClient Open(string optionsJson, string secretPlaceholder, SecureString secret, out NativeError error)
        {
            var secrets = new Dictionary<string, SecureString>();
            if (secret != null)
            {
                if (string.IsNullOrEmpty(secretPlaceholder)) throw new ArgumentException("A placeholder is required with a secret.", "secretPlaceholder");
                secrets[secretPlaceholder] = secret;
            }
            return OpenWithSecrets(optionsJson, secrets, out error);
        }

        /// <summary>
        /// azscsp_client_open with any number of secrets: each key of secrets is a placeholder that appears
        /// once in optionsJson (inside a JSON string) and is replaced by the JSON-escaped SecureString value
        /// in an unmanaged buffer, zeroed and freed right after the call. Returns null and sets error on failure.
        /// </summary>
        public static NativeClient OpenWithSecrets(string optionsJson, IDictionary secrets, out NativeError error)
        {
            Native.EnsureLoaded();
            error = null;
            byte[] template = Encoding.UTF8.GetBytes(optionsJson ?? "{}");
            var slots = new List<Tuple<int, int, SecureString>>();   // start, marker length, secret
            if (secrets != null)
            {
                foreach (DictionaryEntry entry in secrets)
                {
                    string placeholder = entry.Key as string;
                    SecureString value = entry.Value as SecureString;
                    if (value == null) continue;
                    if (string.IsNullOrEmpty(placeholder)) throw new ArgumentException("A placeholder is required with a secret.", "secrets");
                    byte[] marker = Encoding.UTF8.GetBytes(placeholder);
                    int at = IndexOf(template, marker);
                    if (at < 0) throw new ArgumentException("A secret placeholder is not in the options JSON.", "secrets");
                    slots.Add(Tuple.Create(at, marker.Length, value));
                }
            }
            slots.Sort((a, b) => a.Item1.CompareTo(b.Item1));

            var chars = new IntPtr[slots.Count];
            var escaped = new int[slots.Count];
            IntPtr buffer = IntPtr.Zero;
            int bufferLength = 0;
            try
            {
                bufferLength = template.Length + 1;
                for (int i = 0; i < slots.Count; i++)
                {
                    chars[i] = Marshal.SecureStringToGlobalAllocUnicode(slots[i].Item3);
                    escaped[i] = WriteEscaped(chars[i], slots[i].Item3.Length, IntPtr.Zero, 0);
                    bufferLength += escaped[i] - slots[i].Item2;
                }
                buffer = Marshal.AllocHGlobal(bufferLength);
                int source = 0, offset = 0;
                for (int i = 0; i < slots.Count; i++)
                {
                    int copy = slots[i].Item1 - source;
                    if (copy < 0) throw new ArgumentException("Secret placeholders overlap.", "secrets");
                    if (copy > 0) Marshal.Copy(template, source, IntPtr.Add(buffer, offset), copy);
                    offset += copy;
                    WriteEscaped(chars[i], slots[i].Item3.Length, buffer, offset);
                    offset += escaped[i];
                    source = slots[i].Item1 + slots[i].Item2;
                }
                if (template.Length - source > 0)
                {
                    Marshal.Copy(template, source, IntPtr.Add(buffer, offset), template.Length - source);
                    offset += template.Length - source;
                }
                Marshal.WriteByte(buffer, offset, 0);

                IntPtr client;
                int status = Native.ClientOpen(buffer, out client);
                if (status != (int)NativeStatus.Ok || client == IntPtr.Zero)
                {
                    error = Native.ReadLastError(status, "azscsp_client_open");
                    return null;
                }
                return new NativeClient(client);
            }
            finally
            {
                if (buffer != IntPtr.Zero)
                {
                    for (int i = 0; i < bufferLength; i++) Marshal.WriteByte(buffer, i, 0);
                    Marshal.FreeHGlobal(buffer);
                }
                foreach (var pointer in chars)
                {
                    if (pointer != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(pointer);
                }
            }
        }

        private static int IndexOf(byte[] haystack, byte[] needle)
        {
            for (int i = 0; i + needle.Length <= haystack.Length; i++)
            {
                int j = 0;
                while (j < needle.Length && haystack[i + j] == needle[j]) j++;
                if (j == needle.Length) return i;
            }
            return -1;
        }

        // Writes the UTF-8 of the JSON-escaped UTF-16 text at chars (or only counts when target is zero).
        private static int WriteEscaped(IntPtr chars, int length, IntPtr target, int offset)
        {
            int n = 0;
            const string hex = "0123456789abcdef";
            for (int i = 0; i < length; i++)
            {
                int c = (ushort)Marshal.ReadInt16(chars, i * 2);
                if (c == '"' || c == '\\')
                {
                    Put(target, offset, ref n, (byte)'\\');
                    Put(target, offset, ref n, (byte)c);
                }
                else if (c < 0x20)
                {
                    Put(target, offset, ref n, (byte)'\\');
                    Put(target, offset, ref n, (byte)'u');
                    Put(target, offset, ref n, (byte)'0');
                    Put(target, offset, ref n, (byte)'0');
                    Put(target, offset, ref n, (byte)hex[(c >> 4) & 0xF]);
                    Put(target, offset, ref n, (byte)hex[c & 0xF]);
                }
                else if (c < 0x80)
                {
                    Put(target, offset, ref n, (byte)c);
                }
                else if (c < 0x800)
                {
                    Put(target, offset, ref n, (byte)(0xC0 | (c >> 6)));
                    Put(target, offset, ref n, (byte)(0x80 | (c & 0x3F)));
                }
                else if (c >= 0xD800 && c <= 0xDBFF && i + 1 < length)
                {
                    int low = (ushort)Marshal.ReadInt16(chars, (i + 1) * 2);
                    if (low >= 0xDC00 && low <= 0xDFFF)
                    {
                        int cp = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
                        Put(target, offset, ref n, (byte)(0xF0 | (cp >> 18)));
                        Put(target, offset, ref n, (byte)(0x80 | ((cp >> 12) & 0x3F)));
                        Put(target, offset, ref n, (byte)(0x80 | ((cp >> 6) & 0x3F)));
                        Put(target, offset, ref n, (byte)(0x80 | (cp & 0x3F)));
                        i++;
                    }
                    else
                    {
                        PutReplacement(target, offset, ref n);
                    }
                }
                else if (c >= 0xD800 && c <= 0xDFFF)
                {
                    PutReplacement(target, offset, ref n);
                }
                else
                {
                    Put(target, offset, ref n, (byte)(0xE0 | (c >> 12)));
                    Put(target, offset, ref n, (byte)(0x80 | ((c >> 6) & 0x3F)));
                    Put(target, offset, ref n, (byte)(0x80 | (c & 0x3F)));
                }
            }
            return n;
        }

        private static void PutReplacement(IntPtr target, int offset, ref int n)
        {
            Put(target, offset, ref n, 0xEF);
            Put(target, offset, ref n, 0xBF);
            Put(target, offset, ref n, 0xBD);
        }

        private static void Put(IntPtr target, int offset, ref int n, byte value)
        {
            if (target != IntPtr.Zero) Marshal.WriteByte(target, offset + n, value);
            n++;
        }

        internal void Track(NativeOperation operation)
        {
            lock (gate) { operations.Add(operation); }
        }

        internal void Untrack(NativeOperation operation)
        {
            lock (gate) { operations.Remove(operation); }
        }

        /// <summary>Closes the operations still open on this client, then azscsp_client_close.</summary>
        public void Dispose()
        {
            NativeOperation[] open;
            IntPtr h;
            lock (gate)
            {
                open = operations.ToArray();
                operations.Clear();
                h = handle;
                handle = IntPtr.Zero;
            }
            foreach (var operation in open) operation.Dispose();
            if (h != IntPtr.Zero) Native.ClientClose(h);
        }
    }

    /// <summary>One running operation or batch (azscsp_operation).</summary>
    public sealed class NativeOperation : IDisposable
    {
        private readonly object gate = new object();
        private readonly NativeClient client;
        private IntPtr handle;

        private NativeOperation(NativeClient client, IntPtr handle, string name, bool isBatch)
        {
            this.client = client;
            this.handle = handle;
            Name = name;
            IsBatch = isBatch;
        }

        public string Name { get; }
        public bool IsBatch { get; }
        public bool IsClosed { get { lock (gate) { return handle == IntPtr.Zero; } } }

        /// <summary>azscsp_operation_start. Returns null and sets error on failure.</summary>
        public static NativeOperation Start(NativeClient client, string name, string argumentsJson, out NativeError error)
        {
            Native.EnsureLoaded();
            error = null;
            IntPtr op;
            int status = Native.OperationStart(client.Handle, Utf8.ToNullTerminated(name), Utf8.ToNullTerminated(argumentsJson ?? "{}"), out op);
            if (status != (int)NativeStatus.Ok || op == IntPtr.Zero)
            {
                error = Native.ReadLastError(status, name);
                return null;
            }
            var operation = new NativeOperation(client, op, name, false);
            client.Track(operation);
            return operation;
        }

        /// <summary>azscsp_batch_start. Returns null and sets error on failure.</summary>
        public static NativeOperation StartBatch(NativeClient client, string name, int concurrency, out NativeError error)
        {
            Native.EnsureLoaded();
            error = null;
            IntPtr op;
            int status = Native.BatchStart(client.Handle, Utf8.ToNullTerminated(name), concurrency, out op);
            if (status != (int)NativeStatus.Ok || op == IntPtr.Zero)
            {
                error = Native.ReadLastError(status, name);
                return null;
            }
            var operation = new NativeOperation(client, op, name, true);
            client.Track(operation);
            return operation;
        }

        private IntPtr OpenHandle()
        {
            if (handle == IntPtr.Zero) throw new ObjectDisposedException("NativeOperation", "The AzsCsp operation was closed.");
            return handle;
        }

        /// <summary>azscsp_batch_push. Returns false and sets error on failure.</summary>
        public bool Push(string tag, string argumentsJson, out NativeError error)
        {
            error = null;
            lock (gate)
            {
                int status = Native.BatchPush(OpenHandle(), Utf8.ToNullTerminated(tag), Utf8.ToNullTerminated(argumentsJson ?? "{}"));
                if (status == (int)NativeStatus.Ok) return true;
                error = Native.ReadLastError(status, Name);
                return false;
            }
        }

        /// <summary>azscsp_batch_end_input. Returns false and sets error on failure.</summary>
        public bool EndInput(out NativeError error)
        {
            error = null;
            lock (gate)
            {
                int status = Native.BatchEndInput(OpenHandle());
                if (status == (int)NativeStatus.Ok) return true;
                error = Native.ReadLastError(status, Name);
                return false;
            }
        }

        /// <summary>
        /// azscsp_operation_poll. Ok: ev is set. Pending: nothing yet. Done: finished and drained.
        /// Any other status ended the operation; error is set.
        /// </summary>
        public NativeStatus Poll(int timeoutMs, out NativeEvent ev, out NativeError error)
        {
            ev = null;
            error = null;
            lock (gate)
            {
                if (handle == IntPtr.Zero) return NativeStatus.Done;
                IntPtr json;
                int status = Native.OperationPoll(handle, timeoutMs, out json);
                if (status == (int)NativeStatus.Ok)
                {
                    ev = NativeEvent.Parse(Native.TakeString(json));
                    return NativeStatus.Ok;
                }
                if (json != IntPtr.Zero) Native.Free(json);
                if (status == (int)NativeStatus.Pending || status == (int)NativeStatus.Done) return (NativeStatus)status;
                error = Native.ReadLastError(status, Name);
                return Enum.IsDefined(typeof(NativeStatus), status) ? (NativeStatus)status : NativeStatus.Internal;
            }
        }

        /// <summary>azscsp_operation_cancel. Safe to call from any thread; returns at once.</summary>
        public void Cancel()
        {
            // Not under the gate: a poll may be waiting, and cancelling is what wakes it.
            IntPtr h = handle;
            if (h != IntPtr.Zero) Native.OperationCancel(h);
        }

        /// <summary>azscsp_operation_close: cancels if still running, waits for the core thread, frees.</summary>
        public void Dispose()
        {
            IntPtr h = handle;
            if (h != IntPtr.Zero) Native.OperationCancel(h);
            lock (gate)
            {
                h = handle;
                handle = IntPtr.Zero;
            }
            if (h != IntPtr.Zero)
            {
                Native.OperationClose(h);
                client.Untrack(this);
            }
        }
    }

    /// <summary>One detail of a native error.</summary>
    public sealed class NativeErrorDetail
    {
        public string Code { get; set; }
        public string Message { get; set; }
        public string Target { get; set; }
        public override string ToString() { return string.IsNullOrEmpty(Code) ? Message : Code + ": " + Message; }
    }

    /// <summary>The shim's error JSON (azscsp_last_error, or the error of a batch result).</summary>
    public sealed class NativeError
    {
        public int Status { get; set; }
        public string Kind { get; set; }
        public string Message { get; set; }
        public string Code { get; set; }
        public int? HttpStatus { get; set; }
        public string RequestId { get; set; }
        public string CorrelationId { get; set; }
        public string Target { get; set; }
        public string Argument { get; set; }
        public NativeErrorDetail[] Details { get; set; }
        public string Json { get; set; }

        public override string ToString() { return Message; }

        public static string KindOfStatus(int status)
        {
            switch (status)
            {
                case 10: return "InvalidArgument";
                case 11: return "Authentication";
                case 12: return "NotFound";
                case 13: return "PermissionDenied";
                case 14: return "Conflict";
                case 15: return "Throttled";
                case 16: return "Service";
                case 17: return "Transport";
                case 18: return "Tls";
                case 19: return "Timeout";
                case 20: return "Cancelled";
                default: return "Internal";
            }
        }

        /// <summary>Parses the error JSON; never throws. fallbackStatus is used when the JSON has no status.</summary>
        public static NativeError Parse(string json, int fallbackStatus, string activity)
        {
            var error = new NativeError { Status = fallbackStatus, Json = json };
            if (!string.IsNullOrWhiteSpace(json))
            {
                try
                {
                    using (var document = JsonDocument.Parse(json))
                    {
                        FillFrom(error, document.RootElement);
                    }
                }
                catch (JsonException)
                {
                    error.Message = json;
                }
            }
            Complete(error, activity);
            return error;
        }

        internal static NativeError FromElement(JsonElement element, int fallbackStatus, string activity)
        {
            var error = new NativeError { Status = fallbackStatus };
            if (element.ValueKind == JsonValueKind.Object)
            {
                error.Json = element.GetRawText();
                FillFrom(error, element);
            }
            else if (element.ValueKind == JsonValueKind.String)
            {
                error.Message = element.GetString();
            }
            Complete(error, activity);
            return error;
        }

        private static void FillFrom(NativeError error, JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object) return;
            int? status = JsonValue.Int(root, "status");
            if (status.HasValue && status.Value != 0) error.Status = status.Value;
            error.Kind = JsonValue.String(root, "kind");
            error.Message = JsonValue.String(root, "message");
            error.Code = JsonValue.String(root, "code");
            error.HttpStatus = JsonValue.Int(root, "httpStatus");
            error.RequestId = JsonValue.String(root, "requestId");
            error.CorrelationId = JsonValue.String(root, "correlationId");
            error.Target = JsonValue.String(root, "target");
            error.Argument = JsonValue.String(root, "argument");
            JsonElement details;
            if (root.TryGetProperty("details", out details) && details.ValueKind == JsonValueKind.Array)
            {
                var list = new List<NativeErrorDetail>();
                foreach (var d in details.EnumerateArray())
                {
                    if (d.ValueKind != JsonValueKind.Object) continue;
                    list.Add(new NativeErrorDetail { Code = JsonValue.String(d, "code"), Message = JsonValue.String(d, "message"), Target = JsonValue.String(d, "target") });
                }
                error.Details = list.ToArray();
            }
        }

        private static void Complete(NativeError error, string activity)
        {
            if (string.IsNullOrEmpty(error.Kind)) error.Kind = KindOfStatus(error.Status);
            if (string.IsNullOrEmpty(error.Message))
            {
                error.Message = string.Format("{0} failed ({1}).", string.IsNullOrEmpty(activity) ? "The AzsCsp operation" : activity, error.Kind);
            }
        }
    }

    /// <summary>The exception inside every ErrorRecord made from a native error.</summary>
    public class AzsCspException : Exception
    {
        public AzsCspException(string message, NativeError error) : base(message)
        {
            Error = error;
        }

        public NativeError Error { get; }
        public string Kind { get { return Error == null ? null : Error.Kind; } }
        public string Code { get { return Error == null ? null : Error.Code; } }
        public int? HttpStatus { get { return Error == null ? null : Error.HttpStatus; } }
        public string RequestId { get { return Error == null ? null : Error.RequestId; } }
        public string CorrelationId { get { return Error == null ? null : Error.CorrelationId; } }
    }

    /// <summary>One event returned by azscsp_operation_poll.</summary>
    public sealed class NativeEvent
    {
        public string Kind { get; set; }
        public string Level { get; set; }
        public string Message { get; set; }
        public string Activity { get; set; }
        public long? Completed { get; set; }
        public long? Total { get; set; }
        public string Tag { get; set; }
        public bool Ok { get; set; }
        public bool HasData { get; set; }
        public JsonElement Data { get; set; }
        public NativeError Error { get; set; }

        public static NativeEvent Parse(string json)
        {
            var ev = new NativeEvent();
            if (string.IsNullOrEmpty(json)) { ev.Kind = "unknown"; return ev; }
            using (var document = JsonDocument.Parse(json))
            {
                var root = document.RootElement;
                ev.Kind = JsonValue.String(root, "kind") ?? "unknown";
                ev.Level = JsonValue.String(root, "level");
                ev.Message = JsonValue.String(root, "message");
                ev.Activity = JsonValue.String(root, "activity");
                ev.Completed = JsonValue.Long(root, "completed");
                ev.Total = JsonValue.Long(root, "total");
                JsonElement tag;
                if (root.TryGetProperty("tag", out tag))
                {
                    ev.Tag = tag.ValueKind == JsonValueKind.String ? tag.GetString() : tag.GetRawText();
                }
                ev.Ok = JsonValue.Bool(root, "ok") ?? false;
                JsonElement data;
                if (root.TryGetProperty("data", out data) && data.ValueKind != JsonValueKind.Null)
                {
                    ev.Data = data.Clone();
                    ev.HasData = true;
                }
                JsonElement error;
                if (root.TryGetProperty("error", out error) && error.ValueKind != JsonValueKind.Null)
                {
                    ev.Error = NativeError.FromElement(error, (int)NativeStatus.Internal, null);
                }
            }
            return ev;
        }

        /// <summary>The data as Hashtable / object[] / string / long / double / bool / null.</summary>
        public object DataAsObject()
        {
            return HasData ? JsonValue.ToObject(Data) : null;
        }
    }

    /// <summary>JSON helpers shared by the typed objects.</summary>
    public static class JsonValue
    {
        public static string String(JsonElement e, string name)
        {
            JsonElement v;
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out v)) return null;
            switch (v.ValueKind)
            {
                case JsonValueKind.String: return v.GetString();
                case JsonValueKind.Null:
                case JsonValueKind.Undefined: return null;
                default: return v.GetRawText();
            }
        }

        public static int? Int(JsonElement e, string name)
        {
            long? v = Long(e, name);
            if (!v.HasValue) return null;
            return (int)v.Value;
        }

        public static long? Long(JsonElement e, string name)
        {
            JsonElement v;
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out v)) return null;
            long n;
            if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out n)) return n;
            if (v.ValueKind == JsonValueKind.String && long.TryParse(v.GetString(), out n)) return n;
            return null;
        }

        public static bool? Bool(JsonElement e, string name)
        {
            JsonElement v;
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out v)) return null;
            if (v.ValueKind == JsonValueKind.True) return true;
            if (v.ValueKind == JsonValueKind.False) return false;
            bool b;
            if (v.ValueKind == JsonValueKind.String && bool.TryParse(v.GetString(), out b)) return b;
            return null;
        }

        public static Hashtable Table(JsonElement e, string name)
        {
            JsonElement v;
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out v)) return null;
            return ToObject(v) as Hashtable;
        }

        public static JsonElement? Element(JsonElement e, string name)
        {
            JsonElement v;
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out v) || v.ValueKind == JsonValueKind.Null) return null;
            return v;
        }

        public static DateTimeOffset? Date(JsonElement e, string name)
        {
            JsonElement v;
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out v)) return null;
            if (v.ValueKind == JsonValueKind.String)
            {
                DateTimeOffset d;
                if (DateTimeOffset.TryParse(v.GetString(), System.Globalization.CultureInfo.InvariantCulture,
                        System.Globalization.DateTimeStyles.AssumeUniversal, out d)) return d;
                long seconds;
                if (long.TryParse(v.GetString(), out seconds)) return DateTimeOffset.FromUnixTimeSeconds(seconds);
            }
            else if (v.ValueKind == JsonValueKind.Number)
            {
                long seconds;
                if (v.TryGetInt64(out seconds)) return DateTimeOffset.FromUnixTimeSeconds(seconds);
            }
            return null;
        }

        /// <summary>Parses JSON text into Hashtable / object[] / primitives; false (and why) when it is not JSON. Never throws.</summary>
        public static bool TryParse(string json, out object value, out string error)
        {
            value = null;
            error = null;
            try
            {
                using (var document = JsonDocument.Parse(json ?? ""))
                {
                    value = ToObject(document.RootElement);
                }
                return true;
            }
            catch (Exception e)
            {
                error = e.Message;
                return false;
            }
        }

        /// <summary>Converts JSON to Hashtable (case-insensitive keys) / object[] / primitives.</summary>
        public static object ToObject(JsonElement e)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    var table = new Hashtable(StringComparer.OrdinalIgnoreCase);
                    foreach (var p in e.EnumerateObject()) table[p.Name] = ToObject(p.Value);
                    return table;
                case JsonValueKind.Array:
                    var list = new List<object>();
                    foreach (var item in e.EnumerateArray()) list.Add(ToObject(item));
                    return list.ToArray();
                case JsonValueKind.String: return e.GetString();
                case JsonValueKind.Number:
                    long l;
                    if (e.TryGetInt64(out l)) return l;
                    return e.GetDouble();
                case JsonValueKind.True: return true;
                case JsonValueKind.False: return false;
                default: return null;
            }
        }

        /// <summary>The value that follows a segment (case-insensitive) of an ARM resource ID, or null.</summary>
        public static string IdSegment(string id, string name)
        {
            if (string.IsNullOrEmpty(id)) return null;
            var parts = id.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
            for (int i = 0; i + 1 < parts.Length; i++)
            {
                if (string.Equals(parts[i], name, StringComparison.OrdinalIgnoreCase)) return parts[i + 1];
            }
            return null;
        }

        public static string LastSegment(string id)
        {
            if (string.IsNullOrEmpty(id)) return null;
            var parts = id.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
            return parts.Length == 0 ? null : parts[parts.Length - 1];
        }
    }

    /// <summary>A customer subscription mapped to an Azure Stack Hub registration (CSP tenant mapping).</summary>
    public class CustomerSubscription
    {
        public string Id { get; set; }
        public string Name { get; set; }
        public string Type { get; set; }
        public string Etag { get; set; }
        public string RegistrationSubscriptionId { get; set; }
        public string ResourceGroupName { get; set; }
        public string RegistrationName { get; set; }
        public string CustomerSubscriptionId { get; set; }
        public string TenantId { get; set; }
        public Hashtable SystemData { get; set; }
        /// <summary>The AzsCsp context that read or wrote it (binds to -Context down the pipeline).</summary>
        public string ContextName { get; set; }
        /// <summary>The ARM resource ID (same as Id).</summary>
        public string ResourceId { get { return Id; } }

        public override string ToString() { return Id ?? CustomerSubscriptionId; }

        public static CustomerSubscription FromJson(JsonElement e, string contextName)
        {
            var s = new CustomerSubscription
            {
                Id = JsonValue.String(e, "id"),
                Name = JsonValue.String(e, "name"),
                Type = JsonValue.String(e, "type"),
                Etag = JsonValue.String(e, "etag"),
                RegistrationSubscriptionId = JsonValue.String(e, "registrationSubscriptionId"),
                ResourceGroupName = JsonValue.String(e, "resourceGroupName"),
                RegistrationName = JsonValue.String(e, "registrationName"),
                CustomerSubscriptionId = JsonValue.String(e, "customerSubscriptionId"),
                TenantId = JsonValue.String(e, "tenantId"),
                SystemData = JsonValue.Table(e, "systemData"),
                ContextName = contextName
            };
            var properties = JsonValue.Element(e, "properties");
            if (string.IsNullOrEmpty(s.TenantId) && properties.HasValue) s.TenantId = JsonValue.String(properties.Value, "tenantId");
            if (string.IsNullOrEmpty(s.RegistrationSubscriptionId)) s.RegistrationSubscriptionId = JsonValue.IdSegment(s.Id, "subscriptions");
            if (string.IsNullOrEmpty(s.ResourceGroupName)) s.ResourceGroupName = JsonValue.IdSegment(s.Id, "resourceGroups");
            if (string.IsNullOrEmpty(s.RegistrationName)) s.RegistrationName = JsonValue.IdSegment(s.Id, "registrations");
            if (string.IsNullOrEmpty(s.CustomerSubscriptionId)) s.CustomerSubscriptionId = JsonValue.IdSegment(s.Id, "customerSubscriptions");
            return s;
        }
    }

    /// <summary>The outcome of Remove-AzsCustomerSubscription -PassThru.</summary>
    public class RemovedCustomerSubscription
    {
        public string Id { get; set; }
        public string RegistrationSubscriptionId { get; set; }
        public string ResourceGroupName { get; set; }
        public string RegistrationName { get; set; }
        public string CustomerSubscriptionId { get; set; }
        /// <summary>True: it was mapped; False: it was already absent; null: the service did not say (204 No Content).</summary>
        public bool? Existed { get; set; }
        public string ContextName { get; set; }
        public string ResourceId { get { return Id; } }

        public override string ToString() { return Id ?? CustomerSubscriptionId; }

        public static RemovedCustomerSubscription FromJson(JsonElement e, string contextName)
        {
            var r = new RemovedCustomerSubscription
            {
                Id = JsonValue.String(e, "id"),
                CustomerSubscriptionId = JsonValue.String(e, "customerSubscriptionId"),
                Existed = JsonValue.Bool(e, "existed"),
                ContextName = contextName
            };
            r.RegistrationSubscriptionId = JsonValue.IdSegment(r.Id, "subscriptions");
            r.ResourceGroupName = JsonValue.IdSegment(r.Id, "resourceGroups");
            r.RegistrationName = JsonValue.IdSegment(r.Id, "registrations");
            if (string.IsNullOrEmpty(r.CustomerSubscriptionId)) r.CustomerSubscriptionId = JsonValue.IdSegment(r.Id, "customerSubscriptions");
            return r;
        }
    }

    /// <summary>An Azure Stack Hub registration (Microsoft.AzureStack/registrations).</summary>
    public class Registration
    {
        public string Id { get; set; }
        public string Name { get; set; }
        public string Type { get; set; }
        public string Location { get; set; }
        public string Etag { get; set; }
        public string SubscriptionId { get; set; }
        public string ResourceGroupName { get; set; }
        public string CloudId { get; set; }
        public string ObjectId { get; set; }
        public string BillingModel { get; set; }
        /// <summary>From the registration token; null when the service does not say.</summary>
        public bool? UsageReportingEnabled { get; set; }
        /// <summary>From the registration token; null when the service does not say.</summary>
        public bool? MarketplaceSyndicationEnabled { get; set; }
        public Hashtable Tags { get; set; }
        public Hashtable Properties { get; set; }
        public string ContextName { get; set; }
        public string ResourceId { get { return Id; } }
        /// <summary>Same as Name, so a registration binds to -RegistrationName down the pipeline.</summary>
        public string RegistrationName { get { return Name; } }
        /// <summary>Same as SubscriptionId, so a registration binds to -RegistrationSubscriptionId down the pipeline.</summary>
        public string RegistrationSubscriptionId { get { return SubscriptionId; } }

        public override string ToString() { return Id ?? Name; }

        public static Registration FromJson(JsonElement e, string contextName)
        {
            var r = new Registration
            {
                Id = JsonValue.String(e, "id"),
                Name = JsonValue.String(e, "name"),
                Type = JsonValue.String(e, "type"),
                Location = JsonValue.String(e, "location"),
                Etag = JsonValue.String(e, "etag"),
                SubscriptionId = JsonValue.String(e, "subscriptionId"),
                ResourceGroupName = JsonValue.String(e, "resourceGroupName"),
                CloudId = JsonValue.String(e, "cloudId"),
                ObjectId = JsonValue.String(e, "objectId"),
                BillingModel = JsonValue.String(e, "billingModel"),
                UsageReportingEnabled = JsonValue.Bool(e, "usageReportingEnabled"),
                MarketplaceSyndicationEnabled = JsonValue.Bool(e, "marketplaceSyndicationEnabled"),
                Tags = JsonValue.Table(e, "tags"),
                Properties = JsonValue.Table(e, "properties"),
                ContextName = contextName
            };
            var properties = JsonValue.Element(e, "properties");
            if (properties.HasValue)
            {
                if (string.IsNullOrEmpty(r.CloudId)) r.CloudId = JsonValue.String(properties.Value, "cloudId");
                if (string.IsNullOrEmpty(r.ObjectId)) r.ObjectId = JsonValue.String(properties.Value, "objectId");
                if (string.IsNullOrEmpty(r.BillingModel)) r.BillingModel = JsonValue.String(properties.Value, "billingModel");
                if (!r.UsageReportingEnabled.HasValue) r.UsageReportingEnabled = JsonValue.Bool(properties.Value, "usageReportingEnabled");
                if (!r.MarketplaceSyndicationEnabled.HasValue) r.MarketplaceSyndicationEnabled = JsonValue.Bool(properties.Value, "marketplaceSyndicationEnabled");
            }
            if (string.IsNullOrEmpty(r.SubscriptionId)) r.SubscriptionId = JsonValue.IdSegment(r.Id, "subscriptions");
            if (string.IsNullOrEmpty(r.ResourceGroupName)) r.ResourceGroupName = JsonValue.IdSegment(r.Id, "resourceGroups");
            if (string.IsNullOrEmpty(r.Name)) r.Name = JsonValue.LastSegment(r.Id);
            if (r.Tags == null) r.Tags = new Hashtable(StringComparer.OrdinalIgnoreCase);
            return r;
        }
    }

    /// <summary>A signed-in AzsCsp context (one native client).</summary>
    public class Context
    {
        public string Name { get; set; }
        public string Environment { get; set; }
        public string Tenant { get; set; }
        public string TenantId { get; set; }
        public string ClientId { get; set; }
        private string account;
        /// <summary>The signed-in account: the user principal name of a user, the application (client) ID of a service principal.</summary>
        public string Account { get { return account ?? (AccountType == "ServicePrincipal" ? ClientId : null); } set { account = value; } }
        /// <summary>ServicePrincipal, User or Token (a bring-your-own access token).</summary>
        public string AccountType { get; set; }
        /// <summary>ClientSecret, ClientCertificate, DeviceCode, RefreshToken, UsernamePassword, AccessToken or Environment.</summary>
        public string CredentialType { get; set; }
        /// <summary>The object ID of the signed-in principal, when the token says.</summary>
        public string ObjectId { get; set; }
        /// <summary>The token cache file of this context (Connect-AzsCspAccount -PersistTokenCache), or null.</summary>
        public string TokenCachePath { get; set; }
        public string SubscriptionId { get; set; }
        public string ResourceManagerUrl { get; set; }
        public string Authority { get; set; }
        public string Audience { get; set; }
        public DateTimeOffset? ExpiresOn { get; set; }
        public string CaCertificatePath { get; set; }
        public bool SkipCertificateCheck { get; set; }
        public DateTimeOffset ConnectedOn { get; set; }
        public bool IsDefault { get; set; }
        /// <summary>Azure (Connect-AzsCspAccount) or PartnerCenter (Connect-AzsCspPartnerCenter).</summary>
        public string Kind { get; set; } = "Azure";
        /// <summary>Partner Center contexts: true for an app-only token (no user), which app+user operations refuse.</summary>
        public bool? AppOnly { get; set; }
        /// <summary>Partner Center contexts: the Partner Center API base URL.</summary>
        public string PartnerCenterUrl { get; set; }

        public override string ToString() { return Name; }

        /// <summary>Fills a context from the account.connect item.</summary>
        public static Context FromJson(JsonElement e)
        {
            return new Context
            {
                Environment = JsonValue.String(e, "environment"),
                TenantId = JsonValue.String(e, "tenantId"),
                ClientId = JsonValue.String(e, "clientId"),
                Account = NullIfEmpty(JsonValue.String(e, "account")),
                CredentialType = NormalizeCredentialType(JsonValue.String(e, "credentialType")),
                ObjectId = JsonValue.String(e, "objectId"),
                ResourceManagerUrl = JsonValue.String(e, "resourceManagerUrl"),
                Authority = JsonValue.String(e, "authority"),
                Audience = JsonValue.String(e, "audience"),
                ExpiresOn = JsonValue.Date(e, "expiresOn"),
                AppOnly = JsonValue.Bool(e, "appOnly"),
                PartnerCenterUrl = JsonValue.String(e, "partnerCenterUrl"),
                ConnectedOn = DateTimeOffset.Now
            };
        }

        private static string NullIfEmpty(string value) { return string.IsNullOrEmpty(value) ? null : value; }

        /// <summary>The shim's credential type (clientSecret, ...) in the PascalCase the cmdlets show.</summary>
        public static string NormalizeCredentialType(string value)
        {
            if (string.IsNullOrEmpty(value)) return null;
            switch (value.ToLowerInvariant())
            {
                case "clientsecret": return "ClientSecret";
                case "clientcertificate": return "ClientCertificate";
                case "devicecode": return "DeviceCode";
                case "refreshtoken": return "RefreshToken";
                case "usernamepassword": return "UsernamePassword";
                case "accesstoken": return "AccessToken";
                case "environment": return "Environment";
                default: return char.ToUpperInvariant(value[0]) + value.Substring(1);
            }
        }
    }

    /// <summary>A cloud that Connect-AzsCspAccount -Environment can sign in to: built-in or stored by Add-AzsCspEnvironment.</summary>
    public class Environment
    {
        public string Name { get; set; }
        /// <summary>BuiltIn or Custom.</summary>
        public string Type { get; set; }
        public string ResourceManagerUrl { get; set; }
        /// <summary>The sign-in authority; null: discovered from {ResourceManagerUrl}/metadata/endpoints.</summary>
        public string ActiveDirectoryAuthority { get; set; }
        /// <summary>The token audience of Resource Manager; null: discovered from the metadata.</summary>
        public string ActiveDirectoryResourceId { get; set; }
        /// <summary>The Partner Center API base URL (built-in clouds: their own; custom: as stored, or null).</summary>
        public string PartnerCenterUrl { get; set; }
        public bool IsBuiltIn { get { return Type == "BuiltIn"; } }
        /// <summary>Where a custom environment is stored (the per-user environments.json), or null.</summary>
        public string Path { get; set; }

        public override string ToString() { return Name; }
    }
}
