import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * Runs mongo-java-server, a MongoDB wire-protocol server, on loopback with a durable H2 MVStore
 * file (or in memory with --memory). Started by deploy/local/mongo.sh; not used when MONGO_URL
 * points at a real MongoDB.
 */
public final class MongoWireServer {
    public static void main(String[] args) throws Exception {
        String host = "127.0.0.1";
        int port = 27017;
        String file = null;
        int cacheMb = 64;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--host" -> host = args[++i];
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--file" -> file = args[++i];
                case "--memory" -> file = null;
                case "--cache-mb" -> cacheMb = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
            }
        }
        if (!host.startsWith("127.") && !host.equals("localhost") && !host.equals("::1")) {
            throw new IllegalArgumentException("refusing to listen beyond loopback: " + host);
        }
        MVStore store = file == null ? MVStore.open(null) : new MVStore.Builder().fileName(file).cacheSize(cacheMb).open();
        H2Backend backend = new SnapshotSafeBackend(store);
        backend.version(ServerVersion.MONGO_5_0);
        MongoServer server = new MongoServer(backend);
        server.bind(host, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            backend.close();
            stopped.countDown();
        }));
        System.out.println("mongo-wire listening on " + host + ":" + port + (file == null ? " (memory)" : " (file " + file + ", cache " + cacheMb + " MB)"));
        stopped.await();
    }

    /**
     * A query reads one version of the store from start to end (a collection scan materialises its
     * whole result before the first batch is returned). MVStore frees the chunks of versions nobody
     * has registered as in use, however recently they were written; a scan over a large collection
     * that outlives a few commits of concurrent writes then fails with "Chunk N not found". Every
     * command registers the version it reads while it runs, so its chunks stay until it is done.
     */
    static final class SnapshotSafeBackend extends H2Backend {
        private final MVStore store;

        SnapshotSafeBackend(MVStore store) {
            super(store);
            this.store = store;
        }

        private <T> T pinned(Supplier<T> work) {
            MVStore.TxCounter counter = store.isClosed() ? null : store.registerVersionUsage();
            try {
                return work.get();
            } finally {
                if (counter != null) store.deregisterVersionUsage(counter);
            }
        }

        @Override
        public Document handleCommand(Channel channel, String database, String command, Document query) {
            return pinned(() -> super.handleCommand(channel, database, command, query));
        }

        @Override
        public Document handleMessage(MongoMessage message) {
            return pinned(() -> super.handleMessage(message));
        }

        @Override
        public QueryResult handleQuery(MongoQuery query) {
            return pinned(() -> super.handleQuery(query));
        }
    }
}
