import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.MongoDatabaseHandler;
import de.bwaldvogel.mongo.wire.MongoExceptionHandler;
import de.bwaldvogel.mongo.wire.MongoWireMessageEncoder;
import de.bwaldvogel.mongo.wire.MongoWireProtocolHandler;
import de.bwaldvogel.mongo.wire.MongoWireReplyEncoder;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.AttributeKey;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ObjectDataType;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs mongo-java-server, a MongoDB wire-protocol server, on loopback with a durable H2 MVStore
 * file (or in memory with --memory). Started by deploy/local/mongo.sh; not used when MONGO_URL
 * points at a real MongoDB.
 *
 * Durability (--durability, default fsync): the reply to a command that changes data leaves only
 * after a commit of the store has written that change to the file ("commit": survives the server
 * process being killed) and forced the file to the disk ("fsync": survives the machine losing
 * power as well). One commit covers every write that arrived while the last one ran (group
 * commit), so concurrent writers share the cost. "none" answers at once and leaves the changes to
 * the store's background commit about a second later, as mongo-java-server does by itself: a
 * crash then loses the last second of acknowledged writes.
 */
public final class MongoWireServer {
    public static void main(String[] args) throws Exception {
        String host = "127.0.0.1";
        int port = 27017;
        String file = null;
        int cacheMb = 64;
        Durability durability = Durability.FSYNC;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--host" -> host = args[++i];
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--file" -> file = args[++i];
                case "--memory" -> file = null;
                case "--cache-mb" -> cacheMb = Integer.parseInt(args[++i]);
                case "--durability" -> durability = Durability.parse(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
            }
        }
        if (!host.startsWith("127.") && !host.equals("localhost") && !host.equals("::1")) {
            throw new IllegalArgumentException("refusing to listen beyond loopback: " + host);
        }
        MVStore store = file == null ? MVStore.open(null) : new MVStore.Builder().fileName(file).cacheSize(cacheMb).open();
        if (file == null) durability = Durability.NONE;
        GroupCommit commits = durability == Durability.NONE ? null : new GroupCommit(store, durability == Durability.FSYNC);
        openStore = store;
        SnapshotSafeBackend backend = new SnapshotSafeBackend(store, commits);
        backend.version(ServerVersion.MONGO_5_0);

        EventLoopGroup boss = new NioEventLoopGroup(1);
        EventLoopGroup workers = new NioEventLoopGroup();
        ChannelGroup clients = new DefaultChannelGroup("mongodb-channels", workers.next());
        Channel listening = new ServerBootstrap()
            .group(boss, workers)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 100)
            .childOption(ChannelOption.TCP_NODELAY, Boolean.TRUE)
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                public void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(new MongoWireReplyEncoder());
                    ch.pipeline().addLast(new MongoWireMessageEncoder());
                    if (commits != null) ch.pipeline().addLast(new DurableReplies(commits));
                    ch.pipeline().addLast(new MongoWireProtocolHandler());
                    ch.pipeline().addLast(new MongoDatabaseHandler(backend, clients));
                    ch.pipeline().addLast(new MongoExceptionHandler());
                }
            })
            .bind(host, port).syncUninterruptibly().channel();
        if (commits != null) commits.start();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            listening.close().syncUninterruptibly();
            clients.close().syncUninterruptibly();
            boss.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
            workers.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
            if (commits != null) commits.stop();
            backend.close();
            stopped.countDown();
        }));
        System.out.println("mongo-wire listening on " + host + ":" + port
            + (file == null ? " (memory)" : " (file " + file + ", cache " + cacheMb + " MB, durability " + durability.name().toLowerCase(Locale.ROOT) + ")"));
        stopped.await();
    }

    enum Durability {
        FSYNC, COMMIT, NONE;

        static Durability parse(String value) {
            return switch (value) {
                case "fsync" -> FSYNC;
                case "commit" -> COMMIT;
                case "none" -> NONE;
                default -> throw new IllegalArgumentException("--durability must be fsync, commit or none, not " + value);
            };
        }
    }

    /** Set on a channel by a data-changing command, until its reply is sent. */
    static final AttributeKey<Boolean> WROTE = AttributeKey.valueOf("civil.wrote");

    /** Commands that change data (the driver sends bulk writes as these too). */
    static final Set<String> WRITES = Set.of(
        "insert", "update", "delete", "findandmodify", "createindexes", "dropindexes", "drop", "dropdatabase",
        "create", "renamecollection");

    /**
     * Holds back the reply to a data-changing command until the change is on the file. The reply is
     * written later from the committer thread; netty carries it over to the channel's own loop, in
     * order. A channel's later replies wait behind a held one, so replies never overtake each other.
     */
    static final class DurableReplies extends ChannelDuplexHandler {
        private final GroupCommit commits;
        private int held;

        DurableReplies(GroupCommit commits) {
            this.commits = commits;
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            Boolean wrote = ctx.channel().attr(WROTE).getAndSet(null);
            if (wrote == null && held == 0) {
                ctx.write(msg, promise);
                return;
            }
            held++;
            commits.whenDurable(() -> ctx.executor().execute(() -> {
                held--;
                ctx.writeAndFlush(msg, promise);
            }));
        }
    }

    /**
     * One thread commits the store whenever a reply waits for it; every write that arrives while a
     * commit runs is covered by the next, so a burst of concurrent writes costs a few commits. A
     * reply is released only by a commit that started after its write had been made: that commit
     * stores every change made before it (the store's own version counter is not used for this:
     * releasing by the version a writer read lost about a tenth of acknowledged updates under kill -9).
     */
    static final class GroupCommit {
        private final MVStore store;
        private final boolean fsync;
        private final Object lock = new Object();
        private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
        private volatile boolean running = true;
        private final Thread thread = new Thread(this::run, "group-commit");

        record Waiter(long ticket, Runnable release) {}

        GroupCommit(MVStore store, boolean fsync) {
            this.store = store;
            this.fsync = fsync;
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        void stop() {
            running = false;
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }

        /**
         * Runs `release` once a commit that started after this call has finished: the change the
         * caller made before calling is then on the file, whatever version the store was at.
         */
        void whenDurable(Runnable release) {
            synchronized (lock) {
                waiters.add(new Waiter(++tickets, release));
                lock.notifyAll();
            }
        }

        private long tickets;

        private void run() {
            while (running) {
                try {
                    long covering;
                    synchronized (lock) {
                        while (waiters.isEmpty() && running) lock.wait();
                        covering = tickets;
                    }
                    store.commit();
                    FileStore<?> fileStore = store.getFileStore();
                    if (fileStore != null) {
                        // a background commit may have taken the changes and still be writing them
                        fileStore.executeFileStoreOperation(() -> {});
                        if (fsync) store.sync();
                    }
                    ArrayDeque<Runnable> released = new ArrayDeque<>();
                    synchronized (lock) {
                        waiters.removeIf(w -> {
                            if (w.ticket() > covering) return false;
                            released.add(w.release());
                            return true;
                        });
                    }
                    released.forEach(Runnable::run);
                } catch (InterruptedException e) {
                    if (!running) return;
                } catch (RuntimeException e) {
                    // replies stay held: a store that cannot write must not acknowledge anything
                    System.err.println("group commit failed: " + e);
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException ignored) {
                        if (!running) return;
                    }
                }
            }
        }
    }

    /**
     * A query reads one version of the store from start to end (a collection scan materialises its
     * whole result before the first batch is returned). MVStore frees the chunks of versions nobody
     * has registered as in use, however recently they were written; a scan over a large collection
     * that outlives a few commits of concurrent writes then fails with "Chunk N not found". Every
     * command registers the version it reads while it runs, so its chunks stay until it is done.
     *
     * A data-changing command also marks its channel, for DurableReplies to hold its reply until a
     * commit that started after the change has finished.
     */
    static final class SnapshotSafeBackend extends H2Backend {
        private final MVStore store;
        private final GroupCommit commits;

        SnapshotSafeBackend(MVStore store, GroupCommit commits) {
            super(store);
            this.store = store;
            this.commits = commits;
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
            try {
                return pinned(() -> super.handleCommand(channel, database, command, query));
            } finally {
                if (commits != null && channel != null && WRITES.contains(command.toLowerCase(Locale.ROOT))) {
                    channel.attr(WROTE).set(Boolean.TRUE);
                }
            }
        }

        @Override
        public Document handleMessage(MongoMessage message) {
            return pinned(() -> super.handleMessage(message));
        }

        @Override
        public QueryResult handleQuery(MongoQuery query) {
            return pinned(() -> super.handleQuery(query));
        }

        // H2Backend's constructor opens the databases already in the file, before this class's fields are set
        @Override
        protected MongoDatabase openOrCreateDatabase(String databaseName) {
            return new OrderedIndexDatabase(databaseName, openStore, getCursorRegistry());
        }
    }

    /**
     * H2Database with index maps that compare their keys by value. mongo-java-server stores an
     * index's keys (KeyValue: a list of field values) in an MVMap typed ObjectDataType, which
     * compares a class it does not know by serialising both objects with ObjectOutputStream — on
     * every step of every binary search, so an index lookup cost tens of Java serialisations and
     * every insert, compare-and-set update and lookup by key was bound by it. Here the keys compare
     * field by field with the server's own BSON value order; their stored form is unchanged.
     *
     * The order differs from the serialised-bytes order of maps written before, so these maps live
     * under new names: at open, an index whose map exists only under the earlier name is copied
     * into a map under a building name, which is renamed when complete (a crash mid-copy leaves
     * the building map, which the next open removes and builds again), then the earlier map goes.
     */
    static final class OrderedIndexDatabase extends H2Database {
        private static final String ORDERED = "@ordered";
        private static final String BUILDING = "@building";

        OrderedIndexDatabase(String databaseName, MVStore store, CursorRegistry cursorRegistry) {
            super(databaseName, store, cursorRegistry);
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
            MVStore mv = storeOf(this);
            String earlier = getFullCollectionNamespace(collectionName) + "._index_" + indexName;
            String name = earlier + ORDERED;
            if (!mv.hasMap(name)) {
                if (mv.hasMap(name + BUILDING)) mv.removeMap(name + BUILDING);
                MVMap<KeyValue, Object> building = mv.openMap(name + BUILDING, new MVMap.Builder<KeyValue, Object>().keyType(KEY_TYPE));
                if (mv.hasMap(earlier)) {
                    MVMap<KeyValue, Object> old = mv.openMap(earlier);
                    for (Map.Entry<KeyValue, Object> e : old.entrySet()) building.put(e.getKey(), e.getValue());
                }
                mv.renameMap(building, name);
                if (mv.hasMap(earlier)) mv.removeMap(earlier);
            }
            MVMap<KeyValue, Object> map = mv.openMap(name, new MVMap.Builder<KeyValue, Object>().keyType(KEY_TYPE));
            return new OrderedUniqueIndex(map, indexName, keys, sparse);
        }

        @Override
        protected void dropIndex(MongoCollection<Object> collection, String indexName) {
            super.dropIndex(collection, indexName);
            MVStore mv = storeOf(this);
            String name = getFullCollectionNamespace(collection.getCollectionName()) + "._index_" + indexName + ORDERED;
            if (mv.hasMap(name)) mv.removeMap(name);
        }
    }

    /**
     * The process's one store. A database opens its indexes in its super constructor, before a
     * field of its own could hold it, so it is taken from here; set before any database opens.
     */
    private static volatile MVStore openStore;

    private static MVStore storeOf(OrderedIndexDatabase db) {
        return openStore;
    }

    /** Index keys compared by value (BSON order), stored as ObjectDataType stores them. */
    static final ObjectDataType KEY_TYPE = new ObjectDataType() {
        @Override
        public int compare(Object a, Object b) {
            if (a instanceof KeyValue x && b instanceof KeyValue y) return compareKeys(x, y);
            return super.compare(a, b);
        }

        private int compareKeys(KeyValue x, KeyValue y) {
            if (x.size() != y.size()) return Integer.compare(x.size(), y.size());
            for (int i = 0; i < x.size(); i++) {
                Object a = x.get(i);
                Object b = y.get(i);
                int c = ValueComparator.asc().compare(a, b);
                if (c == 0 && !Objects.equals(a, b)) {
                    // equal in BSON order but not the same value (null and missing, 1 and 1L): a fixed order all the same
                    c = className(a).compareTo(className(b));
                    if (c == 0) c = super.compare(a, b);
                }
                if (c != 0) return c;
            }
            return 0;
        }

        private String className(Object o) {
            return o == null ? "" : o.getClass().getName();
        }
    };

    /** A unique index over an MVMap of KeyValue → position (as mongo-java-server's own H2 index). */
    static final class OrderedUniqueIndex extends AbstractUniqueIndex<Object> {
        private final MVMap<KeyValue, Object> map;

        OrderedUniqueIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
            super(name, keys, sparse);
            this.map = map;
        }

        @Override
        protected Object removeDocument(KeyValue keyValue) {
            return map.remove(keyValue);
        }

        @Override
        protected boolean putKeyPosition(KeyValue keyValue, Object position) {
            return map.putIfAbsent(keyValue, Missing.ofNullable(position)) == null;
        }

        @Override
        protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
            return map.entrySet();
        }

        @Override
        protected Object getPosition(KeyValue keyValue) {
            return map.get(keyValue);
        }

        @Override
        public long getCount() {
            return map.sizeAsLong();
        }

        @Override
        public boolean isEmpty() {
            return map.isEmpty();
        }

        @Override
        public long getDataSize() {
            return getCount();
        }
    }
}
