package org.jmicrovm.build.runner;

import java.util.ArrayList;
import java.util.List;
import org.jmicrovm.model.MicroVmSpec;
import org.jmicrovm.model.Volume;

/**
 * The guest's block devices in the order every runner attaches them: the store disk first (when
 * {@code storeOnDisk}), then the volumes in list order. The guest sees {@code /dev/vda}, {@code /dev/vdb}, …
 * in that order, which is how it mounts volumes without labels.
 */
final class Drives {
    private Drives() {}

    /** A volume with the device name the guest gives it. */
    record Drive(Volume volume, String letter) {
        String id() {
            return "vd" + letter;
        }
    }

    static List<Drive> volumes(MicroVmSpec spec) {
        int first = spec.store().storeOnDisk() ? 1 : 0;
        var out = new ArrayList<Drive>();
        for (int i = 0; i < spec.volumes().size(); i++) out.add(new Drive(spec.volumes().get(i), letters(first + i)));
        return out;
    }

    /** Linux's virtio-blk naming: a..z, then aa, ab, … */
    static String letters(int index) {
        StringBuilder sb = new StringBuilder();
        int n = index;
        do {
            sb.insert(0, (char) ('a' + n % 26));
            n = n / 26 - 1;
        } while (n >= 0);
        return sb.toString();
    }
}
