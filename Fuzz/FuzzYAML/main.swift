import FuzzDriver

FuzzDriver.run { fuzzYAML($0, $1) }
