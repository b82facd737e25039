/*
 * Copyright 2026 the parallel-tasks authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.github.paralleltasks.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP/1.1 server, on a loopback port, that holds each request to {@code /slow}
 * for {@link #HOLD} before it answers, and records, on the server side, when the client
 * closed the connection meanwhile.
 *
 * <p>
 * It reads the socket itself: while it holds a request it blocks in a read of the
 * connection, which returns end-of-stream (or fails with a reset) as soon as the client
 * closes it, since a client sends nothing more on a connection before it has its
 * response. {@code /fast} answers at once, {@code /redirect} answers at once with a
 * {@code 302} to {@code /slow}; connections are kept alive.
 *
 * @author parallel-tasks authors
 */
final class SlowHttpServer implements AutoCloseable {

	/**
	 * How long a request to {@code /slow} is held.
	 */
	static final Duration HOLD = Duration.ofSeconds(5);

	private final ServerSocket serverSocket;

	private final List<SlowRequest> slowRequests = new CopyOnWriteArrayList<>();

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private final AtomicInteger connections = new AtomicInteger();

	private final AtomicInteger fastRequests = new AtomicInteger();

	private final AtomicInteger redirects = new AtomicInteger();

	private final AtomicInteger closedConnections = new AtomicInteger();

	private volatile CountDownLatch slowArrivals = new CountDownLatch(0);

	private volatile boolean closed;

	SlowHttpServer() throws IOException {
		this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::accept, "slow-http-server");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	String url() {
		InetSocketAddress address = (InetSocketAddress) this.serverSocket.getLocalSocketAddress();
		return "http://" + address.getHostString() + ":" + address.getPort();
	}

	/**
	 * Return a latch that opens once {@code count} requests to {@code /slow} have
	 * arrived.
	 */
	CountDownLatch expectSlowRequests(int count) {
		CountDownLatch latch = new CountDownLatch(count);
		this.slowArrivals = latch;
		return latch;
	}

	List<SlowRequest> slowRequests() {
		return List.copyOf(this.slowRequests);
	}

	/**
	 * Number of connections that clients opened.
	 */
	int connections() {
		return this.connections.get();
	}

	/**
	 * Number of connections that clients closed, while a request was held or idle.
	 */
	int closedConnections() {
		return this.closedConnections.get();
	}

	int fastRequests() {
		return this.fastRequests.get();
	}

	/**
	 * Number of requests to {@code /redirect}.
	 */
	int redirects() {
		return this.redirects.get();
	}

	private void accept() {
		while (!this.closed) {
			try {
				Socket socket = this.serverSocket.accept();
				this.connections.incrementAndGet();
				this.sockets.add(socket);
				Thread handler = new Thread(() -> serve(socket), "slow-http-connection");
				handler.setDaemon(true);
				handler.start();
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	private void serve(Socket socket) {
		try (socket) {
			InputStream in = new BufferedInputStream(socket.getInputStream());
			OutputStream out = socket.getOutputStream();
			while (true) {
				socket.setSoTimeout(0);
				String path = readRequestHead(in);
				if (path == null) {
					this.closedConnections.incrementAndGet();
					return;
				}
				if (path.startsWith("/slow")) {
					if (!holdSlowRequest(socket, in)) {
						this.closedConnections.incrementAndGet();
						return;
					}
					respond(out, "slow");
				}
				else if (path.startsWith("/redirect")) {
					this.redirects.incrementAndGet();
					redirect(out, "/slow");
				}
				else {
					this.fastRequests.incrementAndGet();
					respond(out, "fast");
				}
			}
		}
		catch (IOException ex) {
			if (!this.closed) {
				this.closedConnections.incrementAndGet();
			}
		}
	}

	/**
	 * Hold a slow request, reading the connection meanwhile.
	 * @return {@code true} if the request is to be answered, {@code false} if the client
	 * closed the connection
	 */
	private boolean holdSlowRequest(Socket socket, InputStream in) throws IOException {
		SlowRequest request = new SlowRequest(System.nanoTime());
		this.slowRequests.add(request);
		this.slowArrivals.countDown();
		try {
			socket.setSoTimeout((int) HOLD.toMillis());
			int read = in.read();
			if (read == -1) {
				request.clientClosed();
				return false;
			}
			throw new IllegalStateException("Client sent data while it waited for its response: " + read);
		}
		catch (SocketTimeoutException ex) {
			request.answered();
			return true;
		}
		catch (IOException ex) {
			request.clientClosed();
			return false;
		}
	}

	private static void respond(OutputStream out, String body) throws IOException {
		byte[] content = body.getBytes(StandardCharsets.US_ASCII);
		String head = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + content.length + "\r\n\r\n";
		out.write(head.getBytes(StandardCharsets.US_ASCII));
		out.write(content);
		out.flush();
	}

	private static void redirect(OutputStream out, String location) throws IOException {
		String head = "HTTP/1.1 302 Found\r\nLocation: " + location + "\r\nContent-Length: 0\r\n\r\n";
		out.write(head.getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	/**
	 * Read a request's line and headers, and skip its body.
	 * @return the path of the request, or {@code null} if the client closed the
	 * connection
	 */
	private static String readRequestHead(InputStream in) throws IOException {
		String requestLine = readLine(in);
		if (requestLine == null) {
			return null;
		}
		long contentLength = 0;
		String line;
		while ((line = readLine(in)) != null && !line.isEmpty()) {
			String lower = line.toLowerCase(Locale.ROOT);
			if (lower.startsWith("content-length:")) {
				contentLength = Long.parseLong(lower.substring("content-length:".length()).trim());
			}
		}
		if (line == null) {
			return null;
		}
		in.skipNBytes(contentLength);
		String[] parts = requestLine.split(" ");
		return (parts.length > 1) ? parts[1] : "/";
	}

	private static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		while ((b = in.read()) != -1) {
			if (b == '\n') {
				String text = line.toString(StandardCharsets.US_ASCII);
				return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
			}
			line.write(b);
		}
		return null;
	}

	@Override
	public void close() throws IOException {
		this.closed = true;
		this.serverSocket.close();
		for (Socket socket : this.sockets) {
			socket.close();
		}
	}

	/**
	 * A request to {@code /slow}, as the server saw it.
	 */
	static final class SlowRequest {

		private final long arrivedNanos;

		private final CountDownLatch ended = new CountDownLatch(1);

		private volatile long clientClosedNanos;

		private volatile long answeredNanos;

		SlowRequest(long arrivedNanos) {
			this.arrivedNanos = arrivedNanos;
		}

		void clientClosed() {
			this.clientClosedNanos = System.nanoTime();
			this.ended.countDown();
		}

		void answered() {
			this.answeredNanos = System.nanoTime();
			this.ended.countDown();
		}

		long arrivedNanos() {
			return this.arrivedNanos;
		}

		/**
		 * Wait until the client closed the connection or the request was answered.
		 * @return {@code true} if it ended in time
		 */
		boolean awaitEnd(Duration timeout) throws InterruptedException {
			return this.ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}

		/**
		 * When the client closed the connection, as {@link System#nanoTime()}, or 0 if it
		 * did not.
		 */
		long clientClosedNanos() {
			return this.clientClosedNanos;
		}

		/**
		 * When the request was answered, or 0 if it was not.
		 */
		long answeredNanos() {
			return this.answeredNanos;
		}

	}

}
