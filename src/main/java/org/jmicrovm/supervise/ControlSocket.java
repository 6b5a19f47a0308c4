package org.jmicrovm.supervise;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jmicrovm.state.StateDirectory;
import org.jmicrovm.supervise.ControlProtocol.Request;
import org.jmicrovm.supervise.ControlProtocol.Response;

/**
 * The supervisor's control socket, server and client side. The socket lives in a directory
 * of mode 0700 so only its owner (root on a real host) can connect; the socket itself is
 * made 0600 as well.
 */
public final class ControlSocket {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private ControlSocket() {}

    public static Path path(StateDirectory state) {
        return state.bookkeeping().resolve("control").resolve("socket");
    }

    /** Serves requests until the channel is closed; each connection gets its own virtual thread. */
    public static ServerSocketChannel open(StateDirectory state) throws IOException {
        Path socket = path(state);
        Path dir = socket.getParent();
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        if (Files.exists(socket)) {
            if (request(state, new Request(ControlProtocol.Command.PING, null)).isPresent()) {
                throw new IOException("a supervisor is already running (control socket " + socket + " answers)");
            }
            Files.delete(socket); // left behind by a supervisor that was killed
        }
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        return server;
    }

    public static void serve(ServerSocketChannel server, Function<Request, Response> handler, Consumer<String> log) {
        while (server.isOpen()) {
            SocketChannel connection;
            try {
                connection = server.accept();
            } catch (IOException e) {
                if (server.isOpen()) {
                    log.accept("control socket: " + e.getMessage());
                }
                continue;
            }
            Thread.ofVirtual().name("control-connection").start(() -> answer(connection, handler, log));
        }
    }

    private static void answer(SocketChannel connection, Function<Request, Response> handler, Consumer<String> log) {
        try (connection) {
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(connection),
                    StandardCharsets.UTF_8));
            String line = in.readLine();
            Response response;
            try {
                response = line == null ? Response.error("empty request") : handler.apply(JSON.readValue(line, Request.class));
            } catch (IOException e) {
                response = Response.error("malformed request: " + e.getMessage());
            }
            OutputStream out = Channels.newOutputStream(connection);
            out.write((JSON.writeValueAsString(response) + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            log.accept("control connection: " + e.getMessage());
        }
    }

    /** Sends one request; empty when no supervisor listens (no socket, or nobody accepts). */
    public static Optional<Response> request(StateDirectory state, Request request) throws IOException {
        Path socket = path(state);
        if (!Files.exists(socket)) {
            return Optional.empty();
        }
        SocketChannel channel;
        try {
            channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        } catch (java.net.ConnectException e) {
            return Optional.empty();
        }
        try (channel) {
            OutputStream out = Channels.newOutputStream(channel);
            out.write((JSON.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel),
                    StandardCharsets.UTF_8));
            String line = in.readLine();
            if (line == null) {
                throw new IOException("the supervisor closed the connection without answering");
            }
            return Optional.of(JSON.readValue(line, Response.class));
        }
    }
}
