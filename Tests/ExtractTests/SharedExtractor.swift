import Config
import Extract
import TestSupport

/// One extractor with the shipped dictionary for every extract test: loading the dictionary
/// and compiling its forms is the slow part, so it happens once. A dictionary that fails to
/// load fails each test that asks for it, with the loader's message.
enum SharedExtractor {
    static let loaded = Result { Extractor(dictionary: try DictionaryFile.load(path: Repository.path("feeds/dictionary.yaml"))) }
}

/// The shipped dictionary, loaded once, for tests that build a stage around it.
enum SharedDictionary {
    static let loaded = Result { try DictionaryFile.load(path: Repository.path("feeds/dictionary.yaml")) }
}
