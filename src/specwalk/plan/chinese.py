"""The Chinese controlled language: normalisation and rules (see docs/step-language.md)."""

from __future__ import annotations

import re

from specwalk.plan.grammar import (
    ROLE_NOUNS,
    SCOPE_NOUNS,
    Rule,
    StepSpec,
    alternation,
    finish,
    rule,
)

ROLE = alternation([noun for noun in ROLE_NOUNS if not noun.isascii()])
SCOPE = alternation([noun for noun in SCOPE_NOUNS if not noun.isascii()])
T = rf"(?:(?P<r>{ROLE}))?«(?P<t>\d+)»(?:(?P<r2>{ROLE}))?"
V = r"«(?P<v>\d+)»"
VS = r"(?P<vs>«\d+»(?:(?:、|和|及|与|,|，|以及)«\d+»)*)"
NUM = r"\d+|[零一二两三四五六七八九十]"
PAGE = r"(?:页面|页|界面|网页)?"

_SUBJECT = re.compile(r"^(?:我们|我|用户|顾客|访客|游客|管理员|系统|买家|卖家|读者|作者|会员)")
_LEAD = re.compile(r"^(?:并且|而且|同时|但是|然后|并|再|接着|当|如果|那么|假如|假设|此时|这时)")
_STILL = re.compile(r"仍然|仍旧|依然|依旧|仍|还是|再次")
_MODAL = re.compile(
    r"(?:应该|应当|应能|应|能够|能|可以|会|将|要)(?=看到|看见|显示|出现|在|为|是|被|跳转|回到|返回|可见|变为|变成|处于|保持|只|不|有|包含|获得|被)"
)


def normalize(skeleton: str) -> str:
    text = re.sub(r"\s+", "", skeleton).lower().strip("。.!！;；:：,，")
    for _ in range(3):
        text = _LEAD.sub("", text)
        text = _SUBJECT.sub("", text)
    text = _STILL.sub("", text)
    text = _MODAL.sub("", text)
    return text.replace("看不到", "不看到").replace("没有看到", "不看到").replace("看不见", "不看到")


def _descriptor(spec: StepSpec, words: str | None) -> None:
    """A noun before the quote: "导航栏中的" scopes, "确认对话框" is a role, "笔记" just describes."""
    if not words:
        return
    for suffix in ("中的", "里的", "上的", "内的", "中", "里"):
        if words.endswith(suffix) and len(words) > len(suffix):
            noun = words[: -len(suffix)]
            if noun in SCOPE_NOUNS:
                spec["scope_role"] = SCOPE_NOUNS[noun]
            else:
                spec["scope"] = noun
            return
    if words in ROLE_NOUNS and ROLE_NOUNS[words] is not None:
        spec["role"] = ROLE_NOUNS[words]


def _build_pre(match: re.Match[str], values: tuple[str, ...], spec: StepSpec) -> list[StepSpec] | None:
    _descriptor(spec, match.groupdict().get("pre"))
    return [finish(spec)]


def _build_enabled(match: re.Match[str], values: tuple[str, ...], spec: StepSpec) -> list[StepSpec] | None:
    if match.group("st") in ("不可用", "被禁用", "禁用", "置灰", "不可点击", "处于禁用状态"):
        spec["negated"] = not spec.get("negated", False)
    return [finish(spec)]


def _build_many_texts(match: re.Match[str], values: tuple[str, ...], spec: StepSpec) -> list[StepSpec] | None:
    texts = [values[int(index)] for index in re.findall(r"«(\d+)»", match.group("vs"))]
    _descriptor(spec, match.groupdict().get("pre"))
    spec.pop("values", None)
    return [finish({**spec, "value": text}) for text in texts]


def _build_history(match: re.Match[str], values: tuple[str, ...], spec: StepSpec) -> list[StepSpec] | None:
    spec["action"] = "go_forward" if "前进" in match.group(0) else "go_back"
    return [spec]


E = r"(?P<e>.+?)"  # an element phrase, read by chinese_elements.chinese_element
E2 = r"(?P<e2>.+?)"
_ZH_STATES = {
    "完成": "completed",
    "选中": "selected",
    "激活": "active",
    "展开": "expanded",
    "收起": "collapsed",
    "禁用": "disabled",
}


def _build_page(match: re.Match[str], values: tuple[str, ...], spec: StepSpec) -> list[StepSpec] | None:
    name = match.groupdict().get("pn")
    if name and name not in ("该", "这个", "此", "当前"):
        spec["target"] = name
    else:
        spec["_page_load"] = True
    return [finish(spec)]


def _build_text(match: re.Match[str], values: tuple[str, ...], spec: StepSpec) -> list[StepSpec] | None:
    if not spec.get("target_ref") and not spec.get("described") and not spec.get("role"):
        return None  # "“保存”显示“…”": the older rows read quoted names
    return [finish(spec)]


def _build_state(match: re.Match[str], values: tuple[str, ...], spec: StepSpec) -> list[StepSpec] | None:
    word = match.group("sw")
    if word == "禁用":
        return [finish({**spec, "expectation": "enabled", "negated": True})]
    if word == "选中" and spec.get("role") in ("checkbox", "radio"):
        return [finish({**spec, "expectation": "checked"})]
    spec["value"] = _ZH_STATES[word]
    return [spec]


GIVEN = ("given",)
THEN = ("then", "none")
_CLICK = r"(?:点击|单击|点按|轻触|按下|按)"

RULES: tuple[Rule, ...] = (
    # --- navigation
    rule(rf"^(?:在|位于|处于)«(?P<t>\d+)»{PAGE}(?:上)?$", "action", "open", "我在“…”页面", contexts=GIVEN),
    rule(
        rf"^(?:直接)?(?:打开|访问|进入|前往|跳转到|转到|来到)(?:了)?(?:[^«]{{0,12}}?)«(?P<t>\d+)»(?:{PAGE}|地址|路由|链接)?$",
        "action",
        "open",
        "我打开“…”页面",
        contexts=("given", "when", "none"),
    ),
    rule(
        r"^(?:打开|访问|进入|前往)(?P<tn>[^«]{1,12}?)(?:页面|页)$",
        "action",
        "open",
        "我打开设置页面",
        contexts=("given", "when", "none"),
    ),
    rule(r"^(?:刷新|重新加载|重新载入)(?:一下)?(?:页面|网页|浏览器)?$", "action", "reload", "我刷新页面"),
    rule(
        r"^(?:返回上一页|后退|浏览器后退|点击浏览器的?后退按钮|前进|浏览器前进|点击浏览器的?前进按钮)$",
        "action",
        "go_back",
        "我返回上一页",
        build=_build_history,
    ),
    # --- text entry
    rule(rf"^在{T}(?:中|里|内)?(?:输入|填写|填入|键入)(?:了)?{V}$", "action", "fill", "我在“…”输入框中输入“…”"),
    rule(
        rf"^(?:输入|填写|填入|键入)(?:了)?{V}(?:到|至|在|进)(?P<r3>{ROLE})?«(?P<t>\d+)»(?:(?P<r2>{ROLE}))?(?:中|里|内)?$",
        "action",
        "fill",
        "我输入“…”到“…”输入框中",
    ),
    rule(rf"^(?:将|把){T}(?:的值)?(?:修改|改|设置|填写|更改)为{V}$", "action", "fill", "我将“…”修改为“…”"),
    rule(rf"^(?:输入|键入){V}$", "action", "type", "我输入“…”"),
    rule(rf"^清空{T}$", "action", "clear", "我清空“…”输入框"),
    rule(
        r"^按(?:下)?(?P<k>回车键?|enter键?|esc键?|退出键|tab键?|空格键?|退格键|删除键)$",
        "action",
        "press",
        "我按下回车键",
    ),
    # --- choices
    rule(rf"^(?:在|从){T}(?:中|里)?(?:选择|选中|选)(?:了)?{V}$", "action", "select", "我在“…”下拉框中选择“…”"),
    rule(rf"^(?:将|把){T}(?:设置|切换|改|更改)为{V}$", "action", "select", "我将“…”切换为“…”"),
    rule(rf"^取消(?:勾选|选中){T}$", "action", "uncheck", "我取消勾选“…”"),
    rule(rf"^(?:勾选|选中){T}$", "action", "check", "我勾选“…”"),
    rule(rf"^选择(?:了)?{V}(?:选项)?$", "action", "select", "我选择“…”"),
    # --- pointer
    rule(rf"^双击(?P<pre>[^«]{{0,8}}?){T}$", "action", "double_click", "我双击“…”", build=_build_pre),
    rule(rf"^(?:将鼠标)?(?:悬停|停留|移动|移)(?:在|到){T}(?:上)?$", "action", "hover", "我将鼠标悬停在“…”上"),
    rule(rf"^上传(?:文件)?{V}(?:到{T})?$", "action", "upload", "我上传文件“…”"),
    rule(r"^等待(?P<vn>\d+(?:\.\d+)?)秒(?:钟)?$", "action", "wait", "我等待 2 秒"),
    rule(
        rf"^在(?:«(?P<s>\d+)»)?(?P<sr>{SCOPE})(?:中|里|内|上)?{_CLICK}(?:了)?{T}$",
        "action",
        "click",
        "我在对话框中点击“…”",
    ),
    rule(rf"^{_CLICK}(?:了)?(?P<pre>[^«]{{0,8}}?){T}$", "action", "click", "我点击“…”按钮", build=_build_pre),
    # --- where am I
    rule(
        rf"^(?:在|位于|处于|停留在|回到|返回到?|跳转到|进入|被带回到?|被带到|被重定向到|被跳转到)«(?P<t>\d+)»{PAGE}(?:上)?$",
        "expectation",
        "page",
        "我应在“…”页面",
        contexts=THEN,
    ),
    rule(
        rf"^(?:回到|返回到?|跳转到|被带回到?)(?P<tn>[^«]{{1,12}}?){PAGE}$",
        "expectation",
        "page",
        "我回到首页",
        contexts=THEN,
    ),
    rule(rf"^(?:网址|地址|url|路由|路径)(?:为|是|变为|变成|等于){V}$", "expectation", "url", "网址应为“…”"),
    rule(rf"^(?:网页|浏览器|标签页|文档)标题(?:为|是|显示为?|等于){V}$", "expectation", "title", "网页标题应为“…”"),
    rule(
        r"^页面标题(?:为|是|显示为?|等于)«(?P<t>\d+)»$",
        "expectation",
        "element_visible",
        "页面标题应显示“…”",
        role="heading",
    ),
    # --- element states
    rule(
        r"^(?P<r>对话框|弹窗|确认对话框|提示框)(?:已|被)?(?:关闭|消失|隐藏)$",
        "expectation",
        "element_visible",
        "对话框关闭",
        negated=True,
    ),
    rule(
        rf"^{T}(?:为|是|处于)?(?P<st>可用|可点击|不可用|不可点击|被禁用|禁用|置灰|处于禁用状态)(?:状态)?$",
        "expectation",
        "enabled",
        "“…”按钮应不可用",
        build=_build_enabled,
    ),
    rule(
        rf"^{T}(?:被|已|处于)?(?P<neg>未被?|没有被?|不)?(?:勾选|选中)(?:状态)?$",
        "expectation",
        "checked",
        "“…”应被勾选",
    ),
    rule(rf"^{T}(?:为空|是空的|被清空|已清空|已被清空)$", "expectation", "empty", "“…”输入框应为空"),
    rule(rf"^{T}(?:获得|获取|得到)(?:了)?焦点$", "expectation", "focused", "“…”输入框应获得焦点"),
    rule(rf"^焦点(?:在|位于|移到|回到|落在){T}(?:上)?$", "expectation", "focused", "焦点在“…”输入框上"),
    rule(rf"^{T}(?:中|里)?的?(?:值)?(?:为|是|等于|显示为){V}$", "expectation", "text_equals", "“…”应显示为“…”"),
    rule(rf"^{T}(?:中|里)?(?:包含|显示){V}$", "expectation", "text_contains", "“…”中应包含“…”"),
    # --- lists and counts
    rule(
        rf"^(?P<sn>[^«]{{0,6}}?列表)(?:中|里)?只(?:剩下|剩|有|显示|列出)(?:了)?{VS}$",
        "expectation",
        "only_listed",
        "列表中只显示“…”",
    ),
    rule(rf"^只(?:显示|列出|剩下|有){VS}$", "expectation", "only_listed", "只显示“…”和“…”"),
    rule(
        rf"^(?:(?P<sn>[^«\d]{{0,6}}?(?:列表|表格))(?:中|里))?(?:显示|列出|共有|有)(?P<n>{NUM})(?:条|个|项|件|篇)(?P<tn>[^«]{{1,8}})$",
        "expectation",
        "count",
        "列表中应显示 3 条笔记",
    ),
    rule(
        rf"^«(?P<v>\d+)»(?P<neg>不)?在(?P<sn>[^«]{{0,6}}?(?:{SCOPE}))(?:中|里|内|上)$",
        "expectation",
        "text_visible",
        "“…”不在列表中",
    ),
    rule(
        rf"^(?P<sn>{SCOPE})(?:中|里|内|上)(?P<neg>不)?(?:显示|出现|有)(?:了)?{V}$",
        "expectation",
        "text_visible",
        "对话框中显示“…”",
    ),
    # --- visible text and elements
    rule(
        rf"^(?P<neg>不)?(?:看到|看见|显示|出现)(?:了)?(?P<pre>[^«]{{0,8}}?){VS}$",
        "expectation",
        "text_visible",
        "我应看到“…”",
        build=_build_many_texts,
    ),
    rule(
        rf"^(?P<neg>不)?(?:看到|看见|显示|出现)(?:了)?(?P<pre>[^«]{{0,8}}?){T}$",
        "expectation",
        "text_visible",
        "我应看到“…”按钮",
        build=_build_pre,
    ),
    rule(rf"^{T}(?:已|被)?(?P<neg>不)?(?:显示|出现|可见)(?:出来)?$", "expectation", "text_visible", "“…”应显示"),
    rule(
        rf"^{T}(?:消失|不见了|不再显示|被隐藏|被删除|不可见)$",
        "expectation",
        "text_visible",
        "“…”消失",
        negated=True,
    ),
    rule(
        rf"^(?P<pre>[^«]{{0,8}}?){T}(?:没有|未)被?(?:删除|移除)$",
        "expectation",
        "text_visible",
        "“…”没有被删除",
        build=_build_pre,
    ),
    # --- exact references, described elements, pages, storage, classes and states (element phrases)
    rule(
        r"^(?:(?P<pn>[^«⟦]{1,12}?))?(?:页面|网页|应用|首页)(?:已经|已)?(?:加载|打开|显示)(?:完成|完毕|好)?$",
        "action",
        "open",
        "设置页面已加载",
        contexts=("given", "when"),
        build=_build_page,
    ),
    rule(r"^(?:打开|启动|进入)(?:应用|网页|首页|页面)$", "action", "open", "我打开应用", build=_build_page),
    rule(
        r"^(?:本地存储|localstorage|浏览器存储|浏览器缓存)(?:为空|已清空|是空的|被清空)$",
        "action",
        "reset_storage",
        "本地存储为空",
        contexts=GIVEN,
    ),
    rule(r"^清空(?:本地存储|localstorage|浏览器存储|浏览器缓存)$", "action", "reset_storage", "我清空本地存储"),
    rule(rf"^{_CLICK}(?:了)?{E}$", "action", "click", "我点击用户名输入框"),
    rule(rf"^在{E}(?:中|里|内)?(?:输入|填写|填入|键入)(?:了)?{V}$", "action", "fill", "我在用户名输入框中输入“…”"),
    rule(rf"^(?:将|把){E}(?:拖动|拖拽|拖)到{E2}(?:上|中|里)?$", "action", "drag", "我将“…”拖到“…”上"),
    rule(rf"^{E}(?:可见|显示出来|出现)$", "expectation", "text_visible", "保存按钮可见"),
    rule(rf"^{E}(?:被隐藏|隐藏|不可见|消失)$", "expectation", "text_visible", "保存按钮被隐藏", negated=True),
    rule(
        rf"^{E}(?:中|里)?(?:显示|包含)(?:文本|文字)?{V}$",
        "expectation",
        "text_contains",
        "结果区域显示“…”",
        build=_build_text,
    ),
    rule(rf"^{E}(?:的)?(?:文本|内容|值)(?:为|是|等于){V}$", "expectation", "text_equals", "结果区域的文本为“…”"),
    rule(
        rf"^{E}(?P<neg>不)?(?:具有|带有|有|包含)(?:样式类|类名|css类|class)?{V}(?:样式类|样式|类名|类)?$",
        "expectation",
        "has_class",
        "“…”条目具有“…”样式类",
    ),
    rule(
        rf"^{E}(?:被)?(?:显示为|标记为|处于|为)?(?:已)?(?P<sw>完成|选中|激活|展开|收起|禁用)(?:状态)?$",
        "expectation",
        "state",
        "“…”条目显示为已完成",
        build=_build_state,
    ),
    rule(
        rf"^(?:弹出|出现|显示)(?:浏览器)?(?:警告框|警告|alert框?)[:：]?{V}$",
        "expectation",
        "dialog_text",
        "弹出警告框“…”",
    ),
)

SCOPE_SUFFIXES: tuple[re.Pattern[str], ...] = ()

STATE_SHAPE = re.compile(r"^(?:已|已经|有|存在|没有|尚无|还没有|当前|界面|系统|购物车|列表)|已")
