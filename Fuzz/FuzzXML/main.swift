import FuzzDriver

FuzzDriver.run { fuzzXML($0, $1) }
