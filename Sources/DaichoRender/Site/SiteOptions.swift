import DaichoCore

/// How a site is built: language, profile, and the few things that change between runs on purpose.
public struct SiteOptions: Sendable {
    public var language: Language
    /// Whether `language` was chosen (`--lang`, or by the caller): it then outranks the project's
    /// `site.lang`; otherwise the pages are in `site.lang`, and the terminal's `LANG` chooses
    /// only the messages (an English PC published an English site).
    public var languageGiven: Bool
    public var profile: Visibility.Profile
    /// Shown in the footer when given (`--timestamp`); without it, two builds are byte-identical.
    public var timestamp: String?
    /// Set by `serve`: pages poll this URL and reload when it changes.
    public var liveReloadURL: String?
    /// Draft date printed on procurement documents (`--date`); blank when nil.
    public var draftDate: String?
    /// Systems a lane renders before it hands their pages to the sink: bounds memory.
    public var batchSize: Int
    /// `--only systems`: the system pages and the lists that lead to them, nothing else.
    public var systemsOnly = false
    /// Above this many systems the pages that list every system render one at a time (memory
    /// before speed at national scale). The pages are the same either way.
    public var oneAtATimeAbove = 20_000

    public init(language: Language? = nil, profile: Visibility.Profile = .internal, timestamp: String? = nil,
                liveReloadURL: String? = nil, draftDate: String? = nil, batchSize: Int = 8) {
        self.language = language ?? .ja
        languageGiven = language != nil
        self.profile = profile
        self.timestamp = timestamp
        self.liveReloadURL = liveReloadURL
        self.draftDate = draftDate
        self.batchSize = batchSize
    }
}
