import java.util.List;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/** Starts mongo-java-server on 127.0.0.1:PORT and reports MongoDB 6.0 (wire 17): driver 7 needs at least 9. */
public class Launcher {
    static final MongoVersion MONGO_6_0 = new MongoVersion() {
        public List<Integer> getVersionArray() { return List.of(6, 0, 0); }
        public String toVersionString() { return "6.0.0"; }
        public int getWireVersion() { return 17; }
    };

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        MongoServer server = new MongoServer(new MemoryBackend().version(MONGO_6_0));
        server.bind("127.0.0.1", port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
        System.out.println("listening on " + server.getLocalAddress().getPort());
        System.out.flush();
        Thread.currentThread().join();
    }
}
