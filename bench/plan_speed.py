"""Plan a generated 2,000-scenario requirements file (Gherkin, bullets, Chinese) and time it.

Run: .venv/bin/python bench/plan_speed.py   → "plan: 2000 scenarios in X.XX s" (target < 2 s)
"""

from __future__ import annotations

import time

from specwalk.plan import RequirementsDocument, RulesPlanner


def generate(scenarios: int = 2000) -> str:
    parts = ["# Generated requirements\n"]
    made = 0
    feature = 0
    while made < scenarios:
        feature += 1
        parts.append(f"\n## Feature {feature}\n\nAs a user, I want feature {feature}, so that it works.\n")
        parts.append('\n```gherkin\nFeature: F\n\n  Background:\n    Given I am on the "/f" page\n')
        for index in range(6):
            parts.append(
                f'\n  Scenario: Add item {feature}-{index}\n    When I fill in "Name" with "item {index}"\n'
                f'    And I click "Add" and press Enter\n    Then I should see "item {index}"\n'
                f'    And the "Name" field should be empty\n'
            )
        parts.append("```\n\n```gherkin\n# language: zh-CN\n功能: 设置\n")
        for index in range(2):
            parts.append(
                f"\n  场景: 保存 {feature}-{index}\n    当我在“名称”输入框中输入“值{index}”\n"
                f"    并且我点击“保存”按钮\n    那么应看到“保存成功”\n"
            )
        parts.append("```\n\nAcceptance criteria:\n\n")
        for index in range(2):
            parts.append(f'- Click "Filter {index}": only "Item {index}" is listed and "1 item" is shown.\n')
        made += 10
    return "".join(parts)


def main() -> None:
    text = generate()
    started = time.perf_counter()
    plan = RulesPlanner().plan(RequirementsDocument("generated.md", text))
    elapsed = time.perf_counter() - started
    print(f"plan: {plan.scenario_count} scenarios in {elapsed:.2f} s ({len(plan.unplanned)} unplanned lines)")


if __name__ == "__main__":
    main()
