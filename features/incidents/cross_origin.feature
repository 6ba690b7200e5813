@incidents @INC-03
Feature: Cross-origin requests
  The front end's pages call the sign-in service and the API from the customer's browser, with
  the customer's session. The browser lets a page read those answers only when the platform names
  the page's origin as allowed. Only the front end's own origins are named; a site that merely
  looks like it is not, and no answer ever allows every site outside development.

  @fast
  Scenario: The front end's pages may call the sign-in service and the API with Alice's session
    Given Alice is signed in
    When Alice's browser calls the sign-in service and the API from the front end's own origin
    Then both let the page read their answers, with Alice's credentials

  @fast
  Scenario Outline: A page on <origin> may not call the platform with Alice's session
    Given Alice is signed in
    When Alice's browser calls the sign-in service and the API from <origin>
    Then neither lets the page read their answers

    Examples:
      | origin                                               |
      | a site using the front end's address as a sub-domain |
      | the front end's address over http instead of https   |
      | the front end's address on another port              |
      | a sandboxed page, whose origin is null               |
      | another site                                         |

  @slow
  Scenario Outline: In <environment>, the platform will not start allowing every origin
    When the platform is started for <environment> allowing every origin
    Then it refuses to start, naming CORS_ALLOWED_ORIGINS

    Examples:
      | environment |
      | test        |
      | staging     |
      | production  |
