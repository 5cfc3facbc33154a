import DaichoCore

/// Sine and cosine at whole degrees as exact thousandths, so circular layouts need no floating point.
enum SineTable {
    /// sin(0°) … sin(90°) in thousandths, rounded half up; generated once, the rest follows by symmetry.
    static let quarter: [Int] = [
        0, 17, 35, 52, 70, 87, 105, 122, 139, 156,
        174, 191, 208, 225, 242, 259, 276, 292, 309, 326,
        342, 358, 375, 391, 407, 423, 438, 454, 469, 485,
        500, 515, 530, 545, 559, 574, 588, 602, 616, 629,
        643, 656, 669, 682, 695, 707, 719, 731, 743, 755,
        766, 777, 788, 799, 809, 819, 829, 839, 848, 857,
        866, 875, 883, 891, 899, 906, 914, 921, 927, 934,
        940, 946, 951, 956, 961, 966, 970, 974, 978, 982,
        985, 988, 990, 993, 995, 996, 998, 999, 999, 1000,
        1000,
    ]

    /// sin(degrees) for any whole number of degrees.
    static func sine(degrees: Int) -> Exact {
        let angle = ((degrees % 360) + 360) % 360
        let thousandths: Int
        switch angle {
        case 0...90: thousandths = quarter[angle]
        case 91...180: thousandths = quarter[180 - angle]
        case 181...270: thousandths = -quarter[angle - 180]
        default: thousandths = -quarter[360 - angle]
        }
        return Exact(thousandths, 1000)
    }

    /// cos(degrees) for any whole number of degrees.
    static func cosine(degrees: Int) -> Exact { sine(degrees: degrees + 90) }
}
