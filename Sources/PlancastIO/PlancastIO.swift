// PlancastIO, the one module of earlier releases, is now two: DataFiles (reading and safe writing) and
// Reports (rendering). It re-exports both, and Forecasting, where the number formatting it used to
// hold (`fixed`, `significant`) now lives, so `import PlancastIO` keeps compiling.
@_exported import DataFiles
@_exported import Reports
@_exported import Forecasting
