"""The local stack's DynamoDB: moto server (Apache-2.0), started and stopped by LocalDynamo.java.

What this adds to a plain `moto_server`, and why:
- Binds 127.0.0.1 only, on the port asked for (0: a free one), and prints "listening <port>" once it serves.
- Keeps connections open (HTTP/1.1 keep-alive), as DynamoDB's endpoint does: moto's own server (werkzeug's
  development server) closes every connection after one answer, so each call paid a new connection and thread.
- Sends no CORS headers (moto's allow any origin): no web page the developer opens can read the tables.
- Serves a write alone: no other request runs beside it. DynamoDB applies each write atomically (a condition
  and the write it guards are one step, a transaction all its items at once); moto's threaded server does not,
  so two conditional writes racing on one key could both pass, and a read could see half a transaction. Reads
  (Get, Query, Scan, Describe, the stream's records) run beside each other.
- A transaction that is cancelled is undone item by item. moto keeps a deep copy of every table a transaction
  touches, so each TransactWriteItems costs time in proportion to the whole table; here it keeps only the
  items the transaction names (and the stream records it added), so a write's time does not grow with the data.
- With --data DIR, the tables, their items and their time-to-live settings are kept in DIR/dynamodb.json:
  loaded at start, saved at stop and whenever the store has been quiet for a few seconds after a change (a save
  holds every request for as long as it takes, two seconds at 100,000 items, so it never runs under load), so a
  restart keeps the data as DynamoDB does.
- Stops, saving first, on SIGTERM or SIGINT, or when its standard input closes (the JVM that started it died).
"""
import argparse
import base64
import http.server
import io
import json
import logging
import os
import signal
import socketserver
import sys
import tempfile
import threading
import time
import urllib.parse

READ_ONLY = ("Get", "Query", "Scan", "Describe", "List", "BatchGet", "TransactGet")
MISSING = "moto server is not installed (or not for this python3): pip install 'moto[server]'"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--data", default=None)
    parser.add_argument("--account", default="000000000000")
    parser.add_argument("--region", default="us-east-1")
    args = parser.parse_args()
    os.environ["MOTO_ACCOUNT_ID"] = args.account
    try:
        from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
        import moto.dynamodb.models as dynamodb_models
    except ImportError:
        print(MISSING, file=sys.stderr, flush=True)
        sys.exit(3)
    logging.getLogger("werkzeug").setLevel(logging.ERROR)

    install_transaction_undo(dynamodb_models)
    app = WritesAlone(DomainDispatcherApplication(create_backend_app))
    store = Store(args.data, app, dynamodb_models.dynamodb_backends, args.account, args.region) if args.data else None
    if store:
        store.load()
    server = KeepAliveServer(("127.0.0.1", args.port), WsgiHandler)
    server.app = app
    stopping = threading.Event()

    def stop(*_):
        if not stopping.is_set():
            stopping.set()
            threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    threading.Thread(target=watch_stdin, args=(stop,), daemon=True).start()
    if store:
        threading.Thread(target=store.save_while_running, args=(stopping,), daemon=True).start()
    print("listening %d" % server.server_port, flush=True)
    server.serve_forever()
    if store:
        store.save()


def watch_stdin(stop):
    try:
        while os.read(0, 4096):
            pass
    except OSError:
        pass
    stop()


class KeepAliveServer(socketserver.ThreadingMixIn, http.server.HTTPServer):
    """One thread per connection, each serving as many requests as its client sends on it."""
    daemon_threads = True
    allow_reuse_address = True


class WsgiHandler(http.server.BaseHTTPRequestHandler):
    """Just enough WSGI over the standard library's HTTP/1.1 handler for moto's application."""
    protocol_version = "HTTP/1.1"
    # headers and body go out in two writes: without TCP_NODELAY the second waits for the client's delayed ACK
    disable_nagle_algorithm = True

    def log_message(self, *args):
        pass

    def serve(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        path, _, query = self.path.partition("?")
        environ = {
            "REQUEST_METHOD": self.command, "SCRIPT_NAME": "",
            "PATH_INFO": urllib.parse.unquote(path, "latin-1"), "QUERY_STRING": query,
            "SERVER_NAME": "127.0.0.1", "SERVER_PORT": str(self.server.server_address[1]),
            "SERVER_PROTOCOL": self.request_version, "REMOTE_ADDR": self.client_address[0],
            "CONTENT_LENGTH": str(length), "CONTENT_TYPE": self.headers.get("Content-Type", ""),
            "wsgi.version": (1, 0), "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(body),
            "wsgi.errors": sys.stderr, "wsgi.multithread": True, "wsgi.multiprocess": False, "wsgi.run_once": False,
        }
        for name, value in self.headers.items():
            key = "HTTP_" + name.upper().replace("-", "_")
            if key not in ("HTTP_CONTENT_TYPE", "HTTP_CONTENT_LENGTH"):
                environ[key] = environ[key] + "," + value if key in environ else value
        answer = {}

        def start_response(status, headers, exc_info=None):
            answer["status"], answer["headers"] = status, headers
            return lambda data: None

        data = b"".join(self.server.app(environ, start_response))
        code, _, reason = answer["status"].partition(" ")
        self.send_response(int(code), reason)
        for name, value in answer["headers"]:
            lower = name.lower()
            if lower not in ("content-length", "connection", "transfer-encoding", "server", "date") \
                    and not lower.startswith("access-control-"):
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = do_OPTIONS = serve


class WritesAlone:
    """A WSGI wrapper: a write runs alone, reads beside each other; remembers whether anything may have changed."""

    def __init__(self, app):
        self.app = app
        self.lock = ReadersWriter()
        self.changed = False
        self.last_request = time.monotonic()

    def __call__(self, environ, start_response):
        target = environ.get("HTTP_X_AMZ_TARGET", "")
        operation = target.rsplit(".", 1)[-1]
        write = not operation or not operation.startswith(READ_ONLY)
        with (self.lock.writing() if write else self.lock.reading()):
            body = b"".join(self.app(environ, start_response))
            if write:
                self.changed = True
            self.last_request = time.monotonic()
        return [body]


class ReadersWriter:
    """Many readers or one writer; a waiting writer goes before readers that come after it."""

    def __init__(self):
        self.condition = threading.Condition()
        self.readers = 0
        self.writer = False
        self.writers_waiting = 0

    def reading(self):
        return _Held(self._acquire_read, self._release_read)

    def writing(self):
        return _Held(self._acquire_write, self._release_write)

    def _acquire_read(self):
        with self.condition:
            while self.writer or self.writers_waiting:
                self.condition.wait()
            self.readers += 1

    def _release_read(self):
        with self.condition:
            self.readers -= 1
            if self.readers == 0:
                self.condition.notify_all()

    def _acquire_write(self):
        with self.condition:
            self.writers_waiting += 1
            while self.writer or self.readers:
                self.condition.wait()
            self.writers_waiting -= 1
            self.writer = True

    def _release_write(self):
        with self.condition:
            self.writer = False
            self.condition.notify_all()


class _Held:
    def __init__(self, acquire, release):
        self.acquire = acquire
        self.release = release

    def __enter__(self):
        self.acquire()

    def __exit__(self, *_):
        self.release()


def install_transaction_undo(models):
    """TransactWriteItems rolled back by the items it names instead of by a copy of every table it touches.

    moto's own method copies each table with copy.deepcopy before it starts and puts the copies back when the
    transaction is cancelled. Here that copy is skipped for tables (the module's `copy` is replaced by one whose
    deepcopy hands a Table back as it is), and this wrapper restores, on any failure, exactly the items named by
    the transaction and the stream records it appended: the same end state, at a cost that does not depend on
    how many items the tables hold.
    """
    import copy as real_copy
    from moto.dynamodb.models.dynamo_type import DynamoType
    from moto.dynamodb.models.table import Table

    class TablesNotCopied:
        def __getattr__(self, name):
            return getattr(real_copy, name)

        @staticmethod
        def deepcopy(value, *args, **kwargs):
            return value if isinstance(value, Table) else real_copy.deepcopy(value, *args, **kwargs)

    models.copy = TablesNotCopied()
    original = models.DynamoDBBackend.transact_write_items

    def transact_write_items(self, transact_items):
        saved_items = []
        saved_streams = {}
        for entry in transact_items:
            for op_type, op in entry.items():
                table = self.tables.get(op.get("TableName"))
                if table is None:
                    continue
                attrs = op.get("Item") if op_type == "Put" else op.get("Key")
                if not attrs or table.hash_key_attr not in attrs:
                    continue
                hash_key = DynamoType(attrs[table.hash_key_attr])
                range_key = DynamoType(attrs[table.range_key_attr]) if table.range_key_attr in (attrs or {}) else None
                if table.range_key_attr is not None and range_key is None:
                    continue
                saved_items.append((table, hash_key, range_key, real_copy.deepcopy(stored(table, hash_key, range_key))))
                if table.stream_shard is not None and id(table) not in saved_streams:
                    saved_streams[id(table)] = (table.stream_shard, len(table.stream_shard.items))
        try:
            return original(self, transact_items)
        except Exception:
            for table, hash_key, range_key, item in reversed(saved_items):
                restore(table, hash_key, range_key, item)
            for shard, length in saved_streams.values():
                del shard.items[length:]
            raise

    models.DynamoDBBackend.transact_write_items = transact_write_items


def plain(value):
    """What json cannot write itself: binary values (base64, as the DynamoDB protocol has them) and times."""
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode("ascii")
    return str(value)


def stored(table, hash_key, range_key):
    if range_key is None:
        return table.items.get(hash_key)
    return table.items.get(hash_key, {}).get(range_key)


def restore(table, hash_key, range_key, item):
    if range_key is None:
        if item is None:
            table.items.pop(hash_key, None)
        else:
            table.items[hash_key] = item
    elif item is None:
        table.items.get(hash_key, {}).pop(range_key, None)
    else:
        table.items[hash_key][range_key] = item


class Store:
    """The tables of one account and region kept in one JSON file, written whole and renamed into place."""

    def __init__(self, folder, app, backends, account, region):
        self.folder = folder
        self.file = os.path.join(folder, "dynamodb.json")
        self.app = app
        self.backends = backends
        self.account = account
        self.region = region

    def backend(self):
        return self.backends[self.account][self.region]

    QUIET_SECONDS = 5.0

    def save_while_running(self, stopping):
        while not stopping.wait(1.0):
            if self.app.changed and time.monotonic() - self.app.last_request >= self.QUIET_SECONDS:
                self.save()

    def save(self):
        with self.app.lock.reading():  # writers wait; readers need not
            self.app.changed = False
            tables = []
            for table in list(self.backend().tables.values()):
                description = table.describe(base_key="Table")["Table"]
                tables.append({
                    "description": description,
                    "ttl": table.ttl,
                    "items": [item.to_json()["Attributes"] for item in table.all_items()],
                })
        os.makedirs(self.folder, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".dynamodb.", dir=self.folder)
        try:
            with os.fdopen(handle, "w") as out:
                json.dump({"format": 1, "tables": tables}, out, default=plain)
            os.replace(temporary, self.file)
        except BaseException:
            os.unlink(temporary)
            raise

    def load(self):
        if not os.path.exists(self.file):
            return
        with open(self.file) as source:
            saved = json.load(source)
        from werkzeug.test import Client
        client = Client(self.app)
        for table in saved["tables"]:
            self.create(client, table)
        self.app.changed = False

    def create(self, client, table):
        d = table["description"]
        request = {
            "TableName": d["TableName"],
            "KeySchema": d["KeySchema"],
            "AttributeDefinitions": d["AttributeDefinitions"],
            "BillingMode": "PAY_PER_REQUEST",
        }
        indexes = [{"IndexName": i["IndexName"], "KeySchema": i["KeySchema"], "Projection": i["Projection"]}
                   for i in d.get("GlobalSecondaryIndexes", [])]
        if indexes:
            request["GlobalSecondaryIndexes"] = indexes
        local = [{"IndexName": i["IndexName"], "KeySchema": i["KeySchema"], "Projection": i["Projection"]}
                 for i in d.get("LocalSecondaryIndexes", [])]
        if local:
            request["LocalSecondaryIndexes"] = local
        if d.get("StreamSpecification", {}).get("StreamEnabled"):
            request["StreamSpecification"] = d["StreamSpecification"]
        self.call(client, "CreateTable", request)
        ttl = table.get("ttl") or {}
        if ttl.get("TimeToLiveStatus") == "ENABLED" and ttl.get("AttributeName"):
            self.call(client, "UpdateTimeToLive", {"TableName": d["TableName"], "TimeToLiveSpecification": {
                "Enabled": True, "AttributeName": ttl["AttributeName"]}})
        items = table["items"]
        for start in range(0, len(items), 25):
            chunk = items[start:start + 25]
            self.call(client, "BatchWriteItem", {"RequestItems": {d["TableName"]: [
                {"PutRequest": {"Item": item}} for item in chunk]}})
        # Loading is not a change: DynamoDB's stream does not replay a table's items after a restart.
        created = self.backend().tables[d["TableName"]]
        if created.stream_shard is not None:
            created.stream_shard.items.clear()

    def call(self, client, operation, body):
        response = client.post("/", data=json.dumps(body), headers={
            "X-Amz-Target": "DynamoDB_20120810." + operation,
            "Content-Type": "application/x-amz-json-1.0",
            "Authorization": "AWS4-HMAC-SHA256 Credential=local/20260101/%s/dynamodb/aws4_request, "
                             "SignedHeaders=host, Signature=0" % self.region,
        })
        if response.status_code != 200:
            raise RuntimeError("%s of %s failed while loading %s: %s" % (
                operation, body.get("TableName", ""), self.file, response.get_data(as_text=True)))
        return response


if __name__ == "__main__":
    main()
