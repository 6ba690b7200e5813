@agents @AGENT-06 @slow
Feature: Long-running analysis
  A deep analysis takes minutes in real life (the specification runs it faster). The customer
  sees it progress all along, not everything at once at the end.

  Scenario: A deep analysis keeps the customer informed until it completes
    Given Alice is signed in
    And Alice's usage log "june.csv":
      | date       | provider | model  | requests | input tokens | output tokens | cost |
      | 2024-06-01 | openai   | gpt-4o |     1000 |      1000000 |        500000 | 7.50 |
      | 2024-06-02 | openai   | gpt-4o |     1200 |      1200000 |        600000 | 9.00 |
    When Alice asks the data analyst for a deep analysis of her usage log
    Then Alice receives at least 10 updates before the analysis completes
    And Alice's updates arrive spread over at least half of the run, not bunched at its end
    And she sees the analysis progress stage by stage, each named, up to 100%
    And every tool Alice's agent used was asked about her own request
