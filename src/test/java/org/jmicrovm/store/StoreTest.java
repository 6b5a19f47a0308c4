package org.jmicrovm.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {
    @TempDir
    Path dir;

    private BuildInputs hello(String text) {
        return BuildInputs.named("hello", "test-writer/1").input("text", text).build();
    }

    @Test
    void aBuildAppearsUnderItsHashAndIsReusedWithoutRunningTheBuilderAgain() throws IOException {
        Store store = Store.open(dir);
        AtomicInteger runs = new AtomicInteger();
        Store.OutputBuilder writer = out -> {
            runs.incrementAndGet();
            Files.writeString(out.resolve("greeting"), "hi");
        };
        StorePath first = store.build(hello("hi"), writer);
        StorePath second = store.build(hello("hi"), writer);

        assertThat(first).isEqualTo(second);
        assertThat(runs).hasValue(1);
        assertThat(first.path().getFileName().toString()).matches("[0-9a-df-np-sv-z]{32}-hello");
        assertThat(Files.readString(first.resolve("greeting"))).isEqualTo("hi");
        assertThat(Files.isWritable(first.resolve("greeting")) && !isRoot()).isFalse();
        assertThat(store.list()).containsExactly(first);
    }

    @Test
    void referencesInATextAreTheOutputsWhoseHashesItNames() {
        Store store = Store.open(dir);
        StorePath a = store.build(hello("a"), out -> Files.writeString(out.resolve("f"), "a"));
        StorePath b = store.build(hello("b"), out -> Files.writeString(out.resolve("f"), "b"));
        StorePath absent = store.pathOf(hello("never built"));
        String text = "exec " + a.resolve("bin/hello") + " --flag\n"
                + "X=\"" + b + "\"; echo " + b + "/f.\n"
                + "# " + absent + "/bin/x is not in the store\n"
                + store.root() + "/not-a-hash-name " + store.root() + "/" + a.hash();

        assertThat(store.referencesIn(text)).containsExactlyInAnyOrder(a, b).doesNotContain(absent);
        assertThat(store.referencesIn("no store paths here")).isEmpty();
    }

    @Test
    void anyChangedInputGivesAnotherPath() {
        Store store = Store.open(dir);
        StorePath a = store.build(hello("a"), out -> Files.writeString(out.resolve("f"), "a"));
        StorePath b = store.build(hello("b"), out -> Files.writeString(out.resolve("f"), "b"));
        StorePath c = store.build(BuildInputs.named("hello", "test-writer/2").input("text", "a").build(),
                out -> Files.writeString(out.resolve("f"), "a"));
        assertThat(Set.of(a.hash(), b.hash(), c.hash())).hasSize(3);
    }

    @Test
    void aFailedBuildLeavesNoPathAndNoTemporaryDirectory() {
        Store store = Store.open(dir);
        assertThatThrownBy(() -> store.build(hello("x"), out -> {
            Files.writeString(out.resolve("half"), "written");
            throw new IOException("disk on fire");
        })).isInstanceOf(StoreException.class).hasMessageContaining("disk on fire");
        assertThat(store.list()).isEmpty();
        assertThat(dir.resolve(".tmp").toFile().list()).isEmpty();
        assertThat(store.isValid(store.pathOf(hello("x")))).isFalse();
    }

    @Test
    void leftoversOfAKilledBuildAreClearedByTheNextBuildOfThatPath() throws IOException {
        Store store = Store.open(dir);
        StorePath target = store.pathOf(hello("y"));
        Path leftover = dir.resolve(".tmp").resolve(target.baseName() + ".dead-process");
        Files.createDirectories(leftover);
        Files.writeString(leftover.resolve("half"), "x");

        assertThat(store.list()).isEmpty();
        store.build(hello("y"), out -> Files.writeString(out.resolve("f"), "y"));
        assertThat(Files.exists(leftover)).isFalse();
    }

    @Test
    void concurrentBuildsOfOnePathRunTheBuilderOnce() throws Exception {
        Store store = Store.open(dir);
        AtomicInteger runs = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Callable<StorePath> task = () -> store.build(hello("same"), out -> {
                runs.incrementAndGet();
                Files.writeString(out.resolve("f"), "same");
            });
            List<Future<StorePath>> results = pool.invokeAll(List.of(task, task, task, task));
            for (Future<StorePath> f : results) {
                assertThat(f.get()).isEqualTo(results.get(0).get());
            }
        } finally {
            pool.shutdown();
        }
        assertThat(runs).hasValue(1);
    }

    @Test
    void referencesFormTheClosureAndGarbageCollectionKeepsIt() {
        Store store = Store.open(dir);
        StorePath lib = store.build(hello("lib"), out -> Files.writeString(out.resolve("f"), "lib"));
        StorePath app = store.build(BuildInputs.named("app", "t/1").reference(lib).build(),
                out -> Files.writeString(out.resolve("f"), lib.toString()));
        StorePath junk = store.build(hello("junk"), out -> Files.writeString(out.resolve("f"), "junk"));

        assertThat(store.closure(List.of(app))).containsExactlyInAnyOrder(app, lib);
        List<StorePath> removed = store.collectGarbage(s -> Set.of(app));
        assertThat(removed).containsExactly(junk);
        assertThat(store.list()).containsExactlyInAnyOrder(app, lib);
    }

    @Test
    void aBuildNeedsItsInputsInTheStore() {
        Store store = Store.open(dir);
        StorePath ghost = store.pathOf(hello("ghost"));
        assertThatThrownBy(() -> store.build(BuildInputs.named("app", "t/1").reference(ghost).build(), out -> {}))
                .hasMessageContaining("is not in the store");
    }

    @Test
    void parseRecognisesFilesBelowAPath() {
        Store store = Store.open(dir);
        StorePath p = store.build(hello("p"), out -> Files.writeString(out.resolve("f"), "p"));
        assertThat(store.parse(p.resolve("f"))).contains(p);
        assertThat(store.parse(dir.resolve("not-a-path"))).isEmpty();
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
