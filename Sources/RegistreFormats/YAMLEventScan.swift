internal import CYaml
import Foundation

/// A first pass over a YAML text with libyaml's event parser (linear, nothing is
/// built): the first node that carries an anchor (`&a`), is an alias (`*a`) or
/// has an explicit tag (`!!python/object`, `!foo`, `!<…>`). A register never
/// needs any of them; aliases can expand exponentially (« billion laughs »)
/// once composed, and tags ask for types the reader does not have. Whatever
/// quoting or layout hides them from a text scan, the parser sees them here.
enum YAMLEventScan {
  enum Finding: Equatable {
    case anchor(line: Int)
    case alias(line: Int)
    case tag(line: Int, tag: String)
  }

  /// The first finding, or `nil`; a syntax error also gives `nil` (the composer
  /// reports it with its own message).
  static func firstFinding(in text: String) -> Finding? {
    var parser = yaml_parser_t()
    guard yaml_parser_initialize(&parser) == 1 else { return nil }
    defer { yaml_parser_delete(&parser) }
    var bytes = Array(text.utf8)
    return bytes.withUnsafeMutableBufferPointer { buffer -> Finding? in
      yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
      yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
      while true {
        var event = yaml_event_t()
        guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
        defer { yaml_event_delete(&event) }
        let line = Int(event.start_mark.line) + 1
        switch event.type {
        case YAML_STREAM_END_EVENT:
          return nil
        case YAML_ALIAS_EVENT:
          return .alias(line: line)
        case YAML_SCALAR_EVENT:
          if event.data.scalar.anchor != nil { return .anchor(line: line) }
          if let tag = event.data.scalar.tag { return .tag(line: line, tag: String(cString: tag)) }
        case YAML_SEQUENCE_START_EVENT:
          if event.data.sequence_start.anchor != nil { return .anchor(line: line) }
          if let tag = event.data.sequence_start.tag { return .tag(line: line, tag: String(cString: tag)) }
        case YAML_MAPPING_START_EVENT:
          if event.data.mapping_start.anchor != nil { return .anchor(line: line) }
          if let tag = event.data.mapping_start.tag { return .tag(line: line, tag: String(cString: tag)) }
        default:
          break
        }
      }
    }
  }
}
