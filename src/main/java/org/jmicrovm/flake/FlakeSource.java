package org.jmicrovm.flake;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.jmicrovm.flake.FlakeRef.GitFlake;
import org.jmicrovm.flake.FlakeRef.PathFlake;

/**
 * The source tree of a flake: a fingerprint that changes whenever the tree does (to name
 * its copy in the store), and a copy of the tree into a directory.
 */
public final class FlakeSource {

    private FlakeSource() {}

    /** What the tree is: the commit id for git, a hash of every file for a directory. */
    public static String fingerprint(FlakeRef flake) {
        return switch (flake) {
            case GitFlake git -> "git:" + resolveCommit(git).name() + git.dir().map(d -> ":" + d).orElse("");
            case PathFlake path -> "path:" + hashDirectory(requireDirectory(path.directory()));
        };
    }

    /** Copies the flake's tree into {@code target} (which must not exist yet). */
    public static void copyTo(FlakeRef flake, Path target) {
        switch (flake) {
            case GitFlake git -> copyGitTree(git, target);
            case PathFlake path -> copyDirectory(requireDirectory(path.directory()), target);
        }
    }

    private static Path requireDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new FlakeException("flake directory " + directory + " does not exist");
        }
        if (!Files.isRegularFile(directory.resolve("flake.nix"))) {
            throw new FlakeException(directory + " has no flake.nix");
        }
        return directory;
    }

    private static Repository open(GitFlake git) {
        try {
            FileRepositoryBuilder builder = new FileRepositoryBuilder().setMustExist(true);
            Path dotGit = git.repository().resolve(".git");
            Repository repository = Files.isDirectory(dotGit)
                    ? builder.setGitDir(dotGit.toFile()).build()
                    : builder.setGitDir(git.repository().toFile()).build();
            return repository;
        } catch (IOException | IllegalArgumentException e) {
            throw new FlakeException(git.repository() + " is not a git repository (" + e.getMessage() + ")", e);
        }
    }

    private static RevCommit resolveCommit(GitFlake git) {
        try (Repository repository = open(git); RevWalk walk = new RevWalk(repository)) {
            return resolveCommit(git, repository, walk);
        }
    }

    private static RevCommit resolveCommit(GitFlake git, Repository repository, RevWalk walk) {
        String wanted = git.rev().or(git::ref).orElse(Constants.HEAD);
        try {
            ObjectId id = repository.resolve(wanted + "^{commit}");
            if (id == null) {
                throw new FlakeException("git repository " + git.repository() + " has no commit '" + wanted + "'"
                        + (wanted.equals(Constants.HEAD) ? " (nothing committed yet?)" : ""));
            }
            return walk.parseCommit(id);
        } catch (IOException e) {
            throw new FlakeException("cannot read '" + wanted + "' in " + git.repository() + ": " + e.getMessage(), e);
        }
    }

    private static void copyGitTree(GitFlake git, Path target) {
        try (Repository repository = open(git); RevWalk walk = new RevWalk(repository);
             TreeWalk tree = new TreeWalk(repository)) {
            RevCommit commit = resolveCommit(git, repository, walk);
            tree.addTree(commit.getTree());
            tree.setRecursive(true);
            String prefix = git.dir().map(d -> d.endsWith("/") ? d : d + "/").orElse("");
            Files.createDirectories(target);
            boolean any = false;
            while (tree.next()) {
                String path = tree.getPathString();
                if (!path.startsWith(prefix)) {
                    continue;
                }
                any = true;
                Path out = target.resolve(path.substring(prefix.length()));
                Files.createDirectories(out.getParent());
                FileMode mode = tree.getFileMode(0);
                byte[] content = repository.open(tree.getObjectId(0)).getBytes();
                if (mode == FileMode.SYMLINK) {
                    Files.createSymbolicLink(out, Path.of(new String(content, java.nio.charset.StandardCharsets.UTF_8)));
                } else if (mode == FileMode.GITLINK) {
                    Files.createDirectories(out); // submodules are not fetched
                } else {
                    Files.write(out, content);
                    if (mode == FileMode.EXECUTABLE_FILE) {
                        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-xr-x"));
                    }
                }
            }
            if (!any) {
                throw new FlakeException("commit " + commit.name() + " of " + git.repository()
                        + git.dir().map(d -> " has no directory " + d).orElse(" is empty"));
            }
            if (!Files.isRegularFile(target.resolve("flake.nix"))) {
                throw new FlakeException("commit " + commit.name() + " of " + git.repository()
                        + " has no flake.nix" + git.dir().map(d -> " in " + d).orElse("")
                        + " (only committed files count for git+file: flakes)");
            }
        } catch (IOException e) {
            throw new FlakeException("cannot read the tree of " + git.text() + ": " + e.getMessage(), e);
        }
    }

    private static void copyDirectory(Path source, Path target) {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path p : paths.toList()) {
                Path relative = source.relativize(p);
                if (relative.startsWith(".git")) {
                    continue;
                }
                Path out = target.resolve(relative.toString());
                if (Files.isSymbolicLink(p)) {
                    Files.createSymbolicLink(out, Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p)) {
                    Files.createDirectories(out);
                } else {
                    Files.copy(p, out, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new FlakeException("cannot copy " + source + ": " + e.getMessage(), e);
        }
    }

    private static String hashDirectory(Path source) {
        try (Stream<Path> paths = Files.walk(source)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path p : paths.sorted().toList()) {
                Path relative = source.relativize(p);
                if (relative.startsWith(".git")) {
                    continue;
                }
                digest.update((relative + "\0").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                if (Files.isSymbolicLink(p)) {
                    digest.update(("link:" + Files.readSymbolicLink(p) + "\0").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    digest.update((Files.isExecutable(p) ? "x" : "f").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    try (InputStream in = Files.newInputStream(p)) {
                        digest.update(in.readAllBytes());
                    }
                    digest.update((byte) 0);
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new FlakeException("cannot read " + source + ": " + e.getMessage(), e);
        }
    }
}
