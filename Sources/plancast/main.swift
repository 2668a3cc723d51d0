import PlancastCLI

Plancast.main()
