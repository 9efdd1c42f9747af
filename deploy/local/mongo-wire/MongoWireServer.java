import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

import java.util.concurrent.CountDownLatch;

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
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--host" -> host = args[++i];
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--file" -> file = args[++i];
                case "--memory" -> file = null;
                default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
            }
        }
        if (!host.startsWith("127.") && !host.equals("localhost") && !host.equals("::1")) {
            throw new IllegalArgumentException("refusing to listen beyond loopback: " + host);
        }
        H2Backend backend = file == null ? H2Backend.inMemory() : new H2Backend(file);
        backend.version(ServerVersion.MONGO_5_0);
        MongoServer server = new MongoServer(backend);
        server.bind(host, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            backend.close();
            stopped.countDown();
        }));
        System.out.println("mongo-wire listening on " + host + ":" + port + (file == null ? " (memory)" : " (file " + file + ")"));
        stopped.await();
    }
}
