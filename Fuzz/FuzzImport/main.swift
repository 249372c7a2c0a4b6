import FuzzDriver

FuzzDriver.run { fuzzImport($0, $1) }
