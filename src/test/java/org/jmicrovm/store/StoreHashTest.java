package org.jmicrovm.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class StoreHashTest {
    @Test
    void base32MatchesNixHashOutput() {
        // nix-hash --type sha256 --to-base32 of sha256("hello\n")
        byte[] digest = HexFormat.of().parseHex("5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03");
        assertThat(StoreHash.base32(digest)).isEqualTo("00xyyr3fi8l6hb839bv3f7yb86yjv7xi1cgh1xnhipym4asvb4aq");
    }

    @Test
    void foldingTo160BitsMatchesNixHashTruncate() {
        // nix-hash --type sha256 --flat --truncate --base32 of a file holding "hello\n"
        assertThat(StoreHash.ofText("hello\n")).isEqualTo("f7yb86yjv7xi1cjfz4my0zakl1jq2giv");
    }

    @Test
    void storeHashesHave32CharactersOfTheAlphabet() {
        String h = StoreHash.ofText("anything");
        assertThat(h).hasSize(32);
        assertThat(StoreHash.isValid(h)).isTrue();
        assertThat(StoreHash.isValid(h.replace(h.charAt(0), 'e'))).isFalse();
    }
}
