/// The named checks. Every diagnostic comes from one of them; each has a test.
public enum DiagnosticCode: String, Sendable, CaseIterable {
    // Reading the file
    case fileTooLarge = "file-too-large"
    case encoding = "encoding"
    case yamlSyntax = "yaml-syntax"
    case duplicateKey = "duplicate-key"
    case emptyFile = "empty-file"
    case nestingTooDeep = "nesting-too-deep"
    case aliasExpansion = "alias-expansion"
    case unreadable = "unreadable"
    case ignoredFolder = "ignored-folder"
    case ignoredFile = "ignored-file"
    case noLedgers = "no-ledgers"
    // Shape and values
    case unknownKey = "unknown-key"
    case missingRequired = "missing-required"
    case missingRecommended = "missing-recommended"
    case wrongType = "wrong-type"
    case emptyItem = "empty-item"
    case enumValue = "enum-value"
    case invalidDate = "invalid-date"
    case eraOutOfRange = "era-out-of-range"
    case invalidAmount = "invalid-amount"
    case outOfRange = "out-of-range"
    case schemaVersion = "schema-version"
    case invalidId = "invalid-id"
    case idFileMismatch = "id-file-mismatch"
    case integrationTarget = "integration-target"
    // Meaning within one ledger
    case costLinesMismatch = "cost-lines-mismatch"
    case mynumberWithoutPersonalData = "mynumber-without-personal-data"
    case duplicateDisasterTask = "duplicate-disaster-task"
    // Across ledgers
    case duplicateId = "duplicate-id"
    case unknownIntegration = "unknown-integration"
    case integrationDirection = "integration-direction"
    case selfIntegration = "self-integration"
    case oneSidedIntegration = "one-sided-integration"
    case terminalGroupCount = "terminal-group-count"
    case terminalGroupSpelling = "terminal-group-spelling"
    case departmentSpelling = "department-spelling"
    // Project file
    case organizationCode = "organization-code"
    case invalidBaseURL = "invalid-base-url"
    case invisibleCharacter = "invisible-character"
    case missingProjectFile = "missing-project-file"
    case unknownFieldPath = "unknown-field-path"
    // Templates
    case templateSyntax = "template-syntax"
    case templateKey = "template-key"
}

extension DiagnosticCode: BinaryRecord {}
