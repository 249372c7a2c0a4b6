import FuzzDriver

FuzzDriver.run { fuzzToolSheet($0, $1) }
