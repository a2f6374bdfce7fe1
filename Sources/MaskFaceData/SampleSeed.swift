/// Derives independent random streams from a run's seed, so that what happens to one
/// sample depends only on (seed, epoch, index) and not on which thread got there first.
public enum SampleSeed {
    /// A well-mixed 64-bit seed from the parts, in order (SplitMix64's finaliser per part).
    public static func derive(_ parts: UInt64...) -> UInt64 {
        var state: UInt64 = 0x6A09_E667_F3BC_C908
        for part in parts {
            state = mix(state ^ mix(part &+ 0x9E37_79B9_7F4A_7C15))
        }
        return state
    }

    private static func mix(_ value: UInt64) -> UInt64 {
        var mixed = value
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
