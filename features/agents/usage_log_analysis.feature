@agents @AGENT-02 @fast
Feature: Analysis of an uploaded usage log
  Customers attach the usage log their gateway exports and the data analyst reads it: how many
  rows, what it all cost, which model costs most, and how the daily cost moves. A file it cannot
  read gets an answer that says which row or column to fix.

  Background:
    Given Alice is signed in
    And Alice's usage log "june.csv":
      | date       | provider | model       | requests | input tokens | output tokens | cost  |
      | 2024-06-01 | openai   | gpt-4o      |     1000 |      1000000 |        500000 |  7.50 |
      | 2024-06-01 | openai   | gpt-4o-mini |     2000 |      1000000 |        400000 |  0.39 |
      | 2024-06-02 | openai   | gpt-4o      |     1200 |      1200000 |        600000 |  9.00 |
      | 2024-06-02 | openai   | gpt-4o-mini |     2500 |      1250000 |        500000 |  0.49 |
      | 2024-06-03 | openai   | gpt-4o      |     1500 |      1500000 |        750000 | 11.25 |

  Scenario: The data analyst reads the log and reports what it says
    When Alice asks the data analyst to analyse her usage log
    Then Alice is told 5 rows were processed
    And Alice's total cost in the log is $28.63
    And Alice's most expensive model is openai gpt-4o
    And Alice's daily cost trend reads "2024-06-01 $7.89, 2024-06-02 $9.49, 2024-06-03 $11.25"
    And Alice's daily requests read "2024-06-01 3,000, 2024-06-02 3,700, 2024-06-03 1,500"
    And she is told her busiest day was 2024-06-03 at $11.25
    And she is told her daily cost changed by "+42.6%" over the log, and the top model is "96.9%" of the cost

  Scenario: A standard analysis asks its tool for a standard read and reports no stages
    When Alice asks the data analyst to analyse her usage log
    Then every tool Alice's agent used was asked about her own request
    And Alice's analysis reports no progress stages, as it is not a deep one

  Scenario Outline: A usage log that <is sent so>, attached after a screenshot, is the file the data analyst reads
    Given Alice attaches a screenshot of her dashboard before her usage log
    And Alice's usage log <is sent so>
    When Alice asks the data analyst to analyse her usage log
    Then Alice is told 5 rows were processed
    And Alice's total cost in the log is $28.63
    And every tool Alice's agent used was asked about her own request

    Examples:
      | is sent so                                     |
      | is sent as a CSV file without .csv in its name |
      | is sent as a generic file named JUNE.CSV       |

  Scenario: Falling costs are reported as a fall
    Given Alice's usage log "july.csv":
      | date       | provider | model  | requests | input tokens | output tokens | cost  |
      | 2024-07-01 | openai   | gpt-4o |     1500 |      1500000 |        750000 | 11.25 |
      | 2024-07-02 | openai   | gpt-4o |     1000 |      1000000 |        500000 |  7.50 |
    When Alice asks the data analyst to analyse her usage log
    Then Alice is told her daily cost changed by "-33.3%" over the log, and the top model is "100%" of the cost
    And she is told her busiest day was 2024-07-01 at $11.25

  Scenario: Two days that cost the same: the earlier is the busiest, and the cost did not change
    Given Alice's usage log "august.csv":
      | date       | provider | model  | requests | input tokens | output tokens | cost |
      | 2024-08-01 | openai   | gpt-4o |     1000 |      1000000 |        500000 | 7.50 |
      | 2024-08-02 | openai   | gpt-4o |     1000 |      1000000 |        500000 | 7.50 |
    When Alice asks the data analyst to analyse her usage log
    Then Alice is told her busiest day was 2024-08-01 at $7.50
    And she is told her daily cost changed by "+0%" over the log, and the top model is "100%" of the cost

  Scenario: A log that starts with a day of no use counts it as zero, and the spend after it as new
    Given Alice's usage log "september.csv":
      | date       | provider | model  | requests | input tokens | output tokens | cost |
      | 2024-09-01 | openai   | gpt-4o |        0 |            0 |             0 |    0 |
      | 2024-09-02 | openai   | gpt-4o |     1000 |      1000000 |        500000 | 7.50 |
    When Alice asks the data analyst to analyse her usage log
    Then Alice is told 2 rows were processed
    And Alice's daily requests read "2024-09-01 0, 2024-09-02 1,000"
    And she is told her daily cost changed by "up from nothing" over the log, and the top model is "100%" of the cost

  Scenario: A log of days that cost nothing reads as no spend and no change
    Given Alice's usage log "trial.csv":
      | date       | provider | model  | requests | input tokens | output tokens | cost |
      | 2024-10-01 | openai   | gpt-4o |       10 |        10000 |          5000 |    0 |
      | 2024-10-02 | openai   | gpt-4o |       20 |        20000 |         10000 |    0 |
    When Alice asks the data analyst to analyse her usage log
    Then Alice's total cost in the log is $0
    And she is told her daily cost changed by "+0%" over the log, and the top model is "0%" of the cost

  Scenario Outline: A usage log that <variation> reads the same
    Given Alice's usage log <variation>
    When Alice asks the data analyst to analyse her usage log
    Then Alice is told 5 rows were processed
    And Alice's total cost in the log is $28.63
    And Alice's most expensive model is openai gpt-4o
    And Alice's daily cost trend reads "2024-06-01 $7.89, 2024-06-02 $9.49, 2024-06-03 $11.25"
    And she is told her busiest day was 2024-06-03 at $11.25

    Examples:
      | variation                                       |
      | lists its cheaper model first                   |
      | has blank lines between its rows                |
      | has Windows line endings                        |
      | lists its rows newest first                     |
      | lists its rows in no order                      |
      | has its header in capitals                      |
      | has its columns in another order                |
      | has spaces around every cell                    |
      | writes its costs with dollar signs              |
      | writes its provider and model names in capitals |

  Scenario Outline: A usage log that <problem> gets a reason naming what to fix
    Given Alice's usage log <problem>
    When Alice asks the data analyst to analyse her usage log
    Then Alice's request ends with a reason that mentions "<named>"
    And Alice's request ends with a reason that mentions "june.csv"

    Examples:
      | problem                           | named          |
      | has no cost column                | no cost column |
      | has "twelve" as the cost on row 2 | row 2          |
      | has a negative cost on row 2      | row 2          |
      | is empty                          | is empty       |
      | holds only blank lines            | is empty       |
      | is attached without its content   | is empty       |
      | has no cost on row 2              | row 2          |
      | has a header but no rows          | no rows        |
      | has an extra cell on row 2        | not valid CSV  |
