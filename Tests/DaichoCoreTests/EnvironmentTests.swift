import DaichoCore
import Foundation
import Testing

struct EnvironmentTests {
    @Test func readsOneVariableAsTheProcessHasIt() {
        setenv("DAICHO_ENVIRONMENT_TEST", "情報政策課", 1)
        #expect(Environment.value("DAICHO_ENVIRONMENT_TEST") == "情報政策課")
        unsetenv("DAICHO_ENVIRONMENT_TEST")
        #expect(Environment.value("DAICHO_ENVIRONMENT_TEST") == nil)
    }
}
