import FuzzDriver

FuzzDriver.run { fuzzTemplate($0, $1) }
