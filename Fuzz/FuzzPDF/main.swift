import FuzzDriver

FuzzDriver.run { fuzzPDF($0, $1) }
